package org.qorgau.dispute.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.common.Paging;
import org.qorgau.dispute.DisputeService;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.Problem;
import org.qorgau.error.ValidationException;
import org.qorgau.security.Caller;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** Disputes of a match by the person checked, and the registry authority's resolutions. */
@Path("/v1/disputes")
@DenyAll
@Tag(name = "Disputes", description = "A checked person contests a match; the registry authority resolves it")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class DisputeResource {

    private final DisputeService disputes;
    private final CurrentCaller caller;

    public DisputeResource(DisputeService disputes, CurrentCaller caller) {
        this.disputes = disputes;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER, Roles.DATA_PROTECTION_OFFICER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "openDispute",
            summary = "Dispute a match of a check",
            description = "By the organisation that ran the check (screener or reviewer) or a data-protection"
                    + " officer. One dispute per check and entry. The grounds are kept with the dispute and, in the"
                    + " audit log, among the redactable personal fields. Audited as DISPUTE_OPENED.")
    @APIResponse(
            responseCode = "201",
            description = "Opened",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = DisputeView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such check in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "This check's match is already disputed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description =
                    "Invalid request, the entry is not one of the check's matches, or the check is past retention",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response open(DisputeRequest request) {
        Caller who = caller.get();
        if (!who.has(Roles.DATA_PROTECTION_OFFICER)) {
            who = caller.requireOrg();
        }
        DisputeView view = disputes.open(request, who);
        return Response.created(URI.create("/v1/disputes/" + view.disputeId()))
                .entity(view)
                .build();
    }

    @POST
    @Path("/{disputeId}/resolution")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "resolveDispute",
            summary = "Resolve a dispute",
            description = "The registry authority decides whether the person checked is the person of the entry."
                    + " NOT_SAME_PERSON clears the entry in every later check of that person (same name and date of"
                    + " birth under the engine's normalisation, any organisation): it is reported NO_MATCH with"
                    + " \"resolved dispute … on …\" in its explanation, unless a photo agrees with the entry's or the"
                    + " entry changes, when the match stands with the resolution beside it. Audited as"
                    + " DISPUTE_RESOLVED.")
    @APIResponse(
            responseCode = "200",
            description = "Resolved",
            content = @Content(schema = @Schema(implementation = DisputeView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such dispute",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already resolved (revoke first)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid resolution",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DisputeView resolve(@PathParam("disputeId") String disputeId, ResolutionRequest request) {
        return disputes.resolve(id(disputeId), request, caller.get());
    }

    @POST
    @Path("/{disputeId}/resolution/revocation")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "revokeDisputeResolution",
            summary = "Revoke a dispute's resolution",
            description = "The resolution stops deciding later checks at once and the dispute is OPEN again; the"
                    + " resolution stays on record. Audited as DISPUTE_RESOLVED with `revoked: true`.")
    @APIResponse(
            responseCode = "200",
            description = "Revoked",
            content = @Content(schema = @Schema(implementation = DisputeView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such dispute",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "No resolution in force",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "No reason given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DisputeView revoke(@PathParam("disputeId") String disputeId, RevocationRequest request) {
        return disputes.revoke(id(disputeId), request, caller.get());
    }

    @GET
    @Path("/{disputeId}")
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER, Roles.DATA_PROTECTION_OFFICER, Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    @Operation(
            operationId = "getDispute",
            summary = "Read one dispute",
            description = "Organisations read the disputes of their own checks; the registry authority,"
                    + " data-protection officers and auditors read all. Another organisation's dispute is 404.")
    @APIResponse(
            responseCode = "200",
            description = "The dispute",
            content = @Content(schema = @Schema(implementation = DisputeView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such dispute visible to you",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DisputeView get(@PathParam("disputeId") String disputeId) {
        return disputes.find(id(disputeId), who()).orElseThrow(() -> new NotFoundException("No such dispute."));
    }

    @GET
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER, Roles.DATA_PROTECTION_OFFICER, Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    @Operation(
            operationId = "listDisputes",
            summary = "List disputes, oldest first",
            description = "Organisations see the disputes of their own checks; the registry authority,"
                    + " data-protection officers and auditors see all. Page with `cursor` = the previous page's"
                    + " `nextCursor` (also the `Link: rel=\"next\"` header).")
    @APIResponse(
            responseCode = "200",
            description = "A page of disputes",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<URL>; rel=\"next\"` of the next page; absent on the last",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = DisputeView.Page.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(
                            description = "Only disputes in this state",
                            schema = @Schema(enumeration = {"OPEN", "RESOLVED"}))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "At most this many (1-500)") @QueryParam("limit") @DefaultValue("50") int limit,
            @Context UriInfo uriInfo) {
        if (limit < 1 || limit > 500) {
            throw new ValidationException("limit", "limit must be between 1 and 500");
        }
        DisputeView.Page page = disputes.list(who(), status, cursor, limit);
        return Paging.ok(page, page.nextCursor(), uriInfo);
    }

    /** Organisation roles act for their organisation and must name it; the others see across organisations. */
    private Caller who() {
        Caller who = caller.get();
        return who.has(Roles.DATA_PROTECTION_OFFICER) || who.has(Roles.REGISTRY_ADMIN) || who.has(Roles.AUDITOR)
                ? who
                : caller.requireOrg();
    }

    private static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such dispute.");
        }
    }
}
