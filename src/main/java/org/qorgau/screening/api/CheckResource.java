package org.qorgau.screening.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
import org.qorgau.common.Purpose;
import org.qorgau.common.Validation;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.Problem;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.Verdict;
import org.qorgau.screening.BatchService;
import org.qorgau.screening.CheckService;
import org.qorgau.security.Caller;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** Screening checks. */
@Path("/v1/checks")
@DenyAll
@Tag(name = "Checks", description = "Screen candidates and read earlier checks")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class CheckResource {

    private final CheckService checks;
    private final BatchService batches;
    private final CurrentCaller caller;
    private final PhotoCheckForm photoForm;

    public CheckResource(CheckService checks, BatchService batches, CurrentCaller caller, PhotoCheckForm photoForm) {
        this.checks = checks;
        this.batches = batches;
        this.caller = caller;
        this.photoForm = photoForm;
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.SCREENER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createBatchCheck",
            summary = "Screen up to 500 candidates",
            description = "Each candidate becomes its own audited check with its own id. The answer lists, in"
                    + " request order, each item's check or its own problem; one bad item does not sink the rest."
                    + " With Idempotency-Key the batch is idempotent as a whole: the same key and body return the"
                    + " same answer and make no second check; the same key with another body is 422.")
    @APIResponse(
            responseCode = "200",
            description = "Per-item results",
            content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @APIResponse(
            responseCode = "422",
            description = "The batch itself is invalid (purpose, no candidates, more than 500); nothing was screened",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BatchResponse batch(
            BatchRequest request,
            @Parameter(description = "Makes retries of the whole batch safe") @HeaderParam("Idempotency-Key")
                    String idempotencyKey) {
        return batches.perform(request, idempotencyKey, caller.requireOrg());
    }

    @POST
    @RolesAllowed(Roles.SCREENER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createCheck",
            summary = "Screen a candidate",
            description = "Fuzzy-matches the candidate against the registry and answers with a verdict, the evidence"
                    + " per field, and the check's audit record. The answer is sent only after its audit event is"
                    + " durably committed. The same Idempotency-Key with the same body returns the same answer.")
    @APIResponse(
            responseCode = "201",
            description = "Screened and audited",
            content = @Content(schema = @Schema(implementation = CheckResponse.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid request; nothing was screened",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The index or the database is not available",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response perform(
            CheckRequest request,
            @Parameter(description = "Makes retries safe: the same key and body return the same answer")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey) {
        Caller who = caller.requireOrg();
        CheckService.Performed performed = checks.perform(request, idempotencyKey, who);
        CheckResponse response = performed.response();
        return Response.created(URI.create("/v1/checks/" + response.checkId()))
                .entity(response)
                .build();
    }

    @POST
    @RolesAllowed(Roles.SCREENER)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Screen a candidate with a photo (form upload)",
            description = "Parts: `request`, the JSON of a check (as for application/json, without"
                    + " candidate.photoHash), and `photo`, a JPEG, PNG or WebP image. The photo's PDQ hash is computed"
                    + " (EXIF orientation applied), used as candidate.photoHash, and the photo dropped: it is never"
                    + " written to disk, the database, the audit log or the logs. A photo of quality below 50 is not"
                    + " used as evidence; the answer's `photo` says so.")
    @APIResponse(
            responseCode = "201",
            description = "Screened and audited",
            content = @Content(schema = @Schema(implementation = CheckResponse.class)))
    @APIResponse(
            responseCode = "413",
            description = "The photo is larger than QORGAU_PHOTO_MAX_BYTES (default 10 MB)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "The photo is not a JPEG, PNG or WebP image",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid request or unreadable photo; nothing was screened",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response performWithPhoto(
            byte[] form,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Makes retries safe: the same key and body return the same answer")
                    @HeaderParam("Idempotency-Key")
                    String idempotencyKey) {
        Caller who = caller.requireOrg();
        PhotoCheckForm.Read read = photoForm.read(contentType, form);
        CheckResponse response =
                checks.perform(read.request(), idempotencyKey, who, read.use()).response();
        return Response.created(URI.create("/v1/checks/" + response.checkId()))
                .entity(response)
                .build();
    }

    @GET
    @Path("/{checkId}")
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER, Roles.AUDITOR})
    @Operation(
            operationId = "getCheck",
            summary = "Read one check",
            description = "Screeners and reviewers see their own organisation's checks; another organisation's"
                    + " check answers 404 exactly like an unknown one. Auditors see all. Every read is audited. Each match's"
                    + " priorReviews are the organisation's decisions about this candidate and entry as of the read,"
                    + " including those recorded on this check.")
    @APIResponse(
            responseCode = "200",
            description = "The check as answered when it was made, with the decisions as of the read",
            content = @Content(schema = @Schema(implementation = CheckResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such check in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CheckResponse get(@PathParam("checkId") String checkId) {
        Caller who = caller.get();
        boolean auditor = who.has(Roles.AUDITOR);
        if (!auditor) {
            who = caller.requireOrg();
        }
        UUID id;
        try {
            id = UUID.fromString(checkId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such check.");
        }
        return checks.find(id, who, auditor).orElseThrow(() -> new NotFoundException("No such check."));
    }

    @GET
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER, Roles.AUDITOR})
    @Operation(
            operationId = "listChecks",
            summary = "List checks, newest first",
            description = "Own organisation only (auditors: all, or one with `org`). Filters combine; page with"
                    + " `cursor` = the previous page's `nextCursor` (also the `Link: rel=\"next\"` header), null on"
                    + " the last page.")
    @APIResponse(
            responseCode = "200",
            description = "A page of checks",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<URL>; rel=\"next\"` of the next page; absent on the last",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = CheckPage.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(
                            description = "Only checks with this verdict",
                            schema = @Schema(enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"}))
                    @QueryParam("verdict")
                    String verdict,
            @Parameter(
                            description = "Only checks with this purpose",
                            schema =
                                    @Schema(
                                            enumeration = {
                                                "EMPLOYMENT",
                                                "VOLUNTEERING",
                                                "CONTRACTOR",
                                                "PERIODIC_RESCREEN"
                                            }))
                    @QueryParam("purpose")
                    String purpose,
            @Parameter(description = "Only checks by this screener (token subject)") @QueryParam("actor") String actor,
            @Parameter(description = "Auditors: only this organisation's checks") @QueryParam("org") String org,
            @Parameter(description = "Created at or after this instant (ISO-8601)") @QueryParam("from") String from,
            @Parameter(description = "Created before this instant (ISO-8601)") @QueryParam("to") String to,
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "At most this many (1-500)") @QueryParam("limit") @DefaultValue("50") int limit,
            @Context UriInfo uriInfo) {
        Caller who = caller.get();
        boolean auditor = who.has(Roles.AUDITOR);
        if (!auditor) {
            who = caller.requireOrg();
        }
        if (limit < 1 || limit > 500) {
            throw new ValidationException("limit", "limit must be between 1 and 500");
        }
        Verdict verdictIs =
                parse(Verdict.class, verdict, "verdict", "verdict must be MATCH, POSSIBLE_MATCH or NO_MATCH");
        Purpose purposeIs = parse(
                Purpose.class,
                purpose,
                "purpose",
                "purpose must be EMPLOYMENT, VOLUNTEERING, CONTRACTOR or PERIODIC_RESCREEN");
        for (String[] text : new String[][] {{"actor", actor}, {"org", org}}) {
            String problem = Validation.filter(text[1]);
            if (problem != null) {
                throw new ValidationException(text[0], text[0] + " " + problem);
            }
        }
        CheckService.CheckFilter filter = new CheckService.CheckFilter(
                org, actor, verdictIs, purposeIs, instant("from", from), instant("to", to));
        CheckService.CheckPage page = checks.list(who, auditor, filter, CheckCursors.decode(cursor), limit);
        String next = page.next() == null ? null : CheckCursors.encode(page.next());
        return Paging.ok(new CheckPage(page.items(), next), next, uriInfo);
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + " must be an ISO-8601 instant");
        }
    }

    /** The named constant of {@code type}, null for none; anything else is refused with {@code message}. */
    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String message) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, message);
        }
    }
}
