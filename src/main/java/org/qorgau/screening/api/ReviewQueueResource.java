package org.qorgau.screening.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.common.Paging;
import org.qorgau.error.Problem;
import org.qorgau.error.ValidationException;
import org.qorgau.screening.CheckService;
import org.qorgau.screening.ReviewService;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** The reviewer's work list. */
@Path("/v1/reviews")
@DenyAll
@Tag(name = "Reviews", description = "Checks waiting for a reviewer's decision")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewQueueResource {

    private final ReviewService reviews;
    private final CurrentCaller caller;

    public ReviewQueueResource(ReviewService reviews, CurrentCaller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    @GET
    @Path("/queue")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(
            operationId = "getReviewQueue",
            summary = "Checks waiting for a decision, oldest first",
            description = "Your organisation's checks with at least one MATCH or POSSIBLE_MATCH entry that has no"
                    + " current decision about that candidate (a decision recorded on an earlier check of the same"
                    + " candidate counts). Page with `cursor` = the previous page's `nextCursor` (also the"
                    + " `Link: rel=\"next\"` header), null on the last page.")
    @APIResponse(
            responseCode = "200",
            headers = @Header(name = "Link", description = "`<…?cursor=…>; rel=\"next\"` when there is a next page"),
            content = @Content(schema = @Schema(implementation = ReviewQueuePage.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response queue(
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "At most this many (1-500)") @QueryParam("limit") @DefaultValue("50") int limit,
            @Context UriInfo uriInfo) {
        if (limit < 1 || limit > 500) {
            throw new ValidationException("limit", "limit must be between 1 and 500");
        }
        ReviewService.QueuePage page = reviews.queue(caller.requireOrg(), decode(cursor), limit);
        String next = page.next() == null ? null : encode(page.next());
        return Paging.ok(new ReviewQueuePage(page.items(), next), next, uriInfo);
    }

    /** The queue's cursor, in the same format as the check list's. */
    public static String encode(ReviewService.QueueCursor cursor) {
        return CheckCursors.encode(new CheckService.CheckCursor(cursor.createdAt(), cursor.checkId()));
    }

    public static ReviewService.QueueCursor decode(String cursor) {
        CheckService.CheckCursor decoded = CheckCursors.decode(cursor);
        return decoded == null ? null : new ReviewService.QueueCursor(decoded.createdAt(), decoded.checkId());
    }
}
