package org.qorgau.screening.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.Problem;
import org.qorgau.screening.ReviewService;
import org.qorgau.security.Caller;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** The reviews of a check: a reviewer's decisions about its matches, and their history. */
@Path("/v1/checks/{checkId}/reviews")
@DenyAll
@Tag(name = "Checks", description = "Screen candidates and read earlier checks")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class CheckReviewResource {

    private final ReviewService reviews;
    private final CurrentCaller caller;

    public CheckReviewResource(ReviewService reviews, CurrentCaller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.REVIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "recordReview",
            summary = "Record a reviewer's decision about a match",
            description = "Only a reviewer of the check's organisation. One decision per candidate and entry is"
                    + " current: a decision that contradicts the current one must name it in `supersedes` (409"
                    + " otherwise) and replaces it; the earlier one stays as history. A NOT_SAME_PERSON decision is"
                    + " remembered: later"
                    + " checks of the same candidate by the organisation show it beside the match (priorReviews),"
                    + " flagged when the registry entry changed since. Audited as REVIEW_RECORDED.")
    @APIResponse(
            responseCode = "201",
            description = "Recorded and audited",
            content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such check in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid review, or the entry is not one of the check's matches",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description =
                    "Contradicts the current decision without naming it, or names one that is no longer" + " current",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response review(@PathParam("checkId") String checkId, ReviewRequest request) {
        Caller who = caller.requireOrg();
        UUID id;
        try {
            id = UUID.fromString(checkId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such check.");
        }
        ReviewView review = reviews.record(id, request, who);
        return Response.created(URI.create("/v1/checks/" + id + "/reviews/" + review.reviewId()))
                .entity(review)
                .build();
    }

    @GET
    @Path("/{reviewId}")
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR})
    @Operation(
            operationId = "getReview",
            summary = "Read one recorded review",
            description = "Where a recorded review's Location points. Reviewers of the check's organisation; auditors"
                    + " see all. `current` turns false once a later decision supersedes it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such review of a check in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReviewView reviewById(@PathParam("checkId") String checkId, @PathParam("reviewId") String reviewId) {
        Caller who = caller.get();
        boolean auditor = who.has(Roles.AUDITOR);
        if (!auditor) {
            who = caller.requireOrg();
        }
        return reviews.find(uuid(checkId), uuid(reviewId), who, auditor)
                .orElseThrow(() -> new NotFoundException("No such review."));
    }

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR})
    @Operation(
            operationId = "listCheckReviews",
            summary = "The decision history of a check's candidate",
            description = "Every decision of the check's organisation about this candidate and the check's matched"
                    + " entries, oldest first, whichever check it was recorded on; the current one per entry has"
                    + " `current: true`, and a later decision names the one it superseded.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewHistory.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such check in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReviewHistory reviewHistory(@PathParam("checkId") String checkId) {
        Caller who = caller.get();
        boolean auditor = who.has(Roles.AUDITOR);
        if (!auditor) {
            who = caller.requireOrg();
        }
        return new ReviewHistory(reviews.history(uuid(checkId), who, auditor)
                .orElseThrow(() -> new NotFoundException("No such check.")));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such check.");
        }
    }
}
