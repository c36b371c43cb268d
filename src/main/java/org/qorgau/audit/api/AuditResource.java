package org.qorgau.audit.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditFilter;
import org.qorgau.audit.AuditService;
import org.qorgau.audit.Checkpoints;
import org.qorgau.audit.UsageService;
import org.qorgau.common.Paging;
import org.qorgau.error.Problem;
import org.qorgau.error.ValidationException;
import org.qorgau.security.Caller;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** The auditor's API: events, exports, chain verification, signed checkpoints and the usage report. */
@Path("/v1/audit")
@DenyAll
@Tag(name = "Audit", description = "Read, export and verify the tamper-evident audit log")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
        responseCode = "422",
        description = "Invalid parameters",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";

    private final AuditService audit;
    private final Checkpoints checkpoints;
    private final UsageService usage;
    private final CurrentCaller caller;

    public AuditResource(AuditService audit, Checkpoints checkpoints, UsageService usage, CurrentCaller caller) {
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.usage = usage;
        this.caller = caller;
    }

    @GET
    @Path("/events")
    @RolesAllowed(Roles.AUDITOR)
    @Produces({MediaType.APPLICATION_JSON, CSV, NDJSON})
    @Operation(
            operationId = "listAuditEvents",
            summary = "List or export audit events",
            description = "Events in sequence order, filtered. JSON answers a page with `nextCursor`; `Accept:"
                    + " text/csv` or `application/x-ndjson` streams the whole selection (cursor and limit"
                    + " ignored) in bounded memory. CSV cells starting with = + - @ tab or CR are prefixed with a"
                    + " single quote against formula injection. Every read is itself an AUDIT_READ event.")
    @APIResponse(
            responseCode = "200",
            description = "A page of events, or the export",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<URL>; rel=\"next\"` of the next page; absent on the last",
                            schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = AuditEventPage.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = NDJSON, schema = @Schema(implementation = AuditEventView.class))
            })
    public Response events(
            @Parameter(description = "Events at or after this instant (ISO-8601)", example = "2026-01-01T00:00:00Z")
                    @QueryParam("from")
                    String from,
            @Parameter(description = "Events before this instant (ISO-8601)") @QueryParam("to") String to,
            @Parameter(description = "The actor's organisation", example = "school-17") @QueryParam("org") String org,
            @Parameter(description = "The actor's subject") @QueryParam("actor") String actor,
            @Parameter(
                            description = "Event type",
                            example = "CHECK_PERFORMED",
                            schema = @Schema(implementation = AuditEventType.class))
                    @QueryParam("type")
                    String type,
            @Parameter(
                            description = "Check verdict",
                            example = "POSSIBLE_MATCH",
                            schema = @Schema(enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"}))
                    @QueryParam("verdict")
                    String verdict,
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size (1-1000)") @QueryParam("limit") @DefaultValue("100") int limit,
            @Context HttpHeaders headers,
            @Context UriInfo uriInfo) {
        Caller who = caller.get();
        AuditFilter filter = new AuditFilter(
                AuditParameters.instant("from", from),
                AuditParameters.instant("to", to),
                AuditParameters.filterText("org", org),
                AuditParameters.filterText("actor", actor),
                AuditParameters.type(type),
                AuditParameters.verdict(verdict),
                AuditParameters.cursor(cursor));
        AuditService.Format format = AuditParameters.exportFormat(headers);
        if (format == null) {
            AuditEventPage page = audit.page(filter, limit, who);
            return Paging.ok(page, page.nextCursor(), uriInfo);
        }
        audit.recordExport(filter, format, who);
        StreamingOutput body = out -> audit.export(filter, format, out);
        String extension = format == AuditService.Format.CSV ? "csv" : "ndjson";
        return Response.ok(body)
                .type(format == AuditService.Format.CSV ? CSV + "; charset=UTF-8" : NDJSON)
                .header("Content-Disposition", "attachment; filename=\"audit-events." + extension + "\"")
                .build();
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(
            operationId = "verifyAuditChain",
            summary = "Verify the hash chain",
            description = "Recomputes every event's hash from its stored columns, checks the links and the gap-free"
                    + " order, and compares the chain with every signed checkpoint. `fromCheckpoint` starts at a"
                    + " checkpoint: `SEQUENCE` for a stored one (its signature is checked) or `SEQUENCE:HASH` for one"
                    + " the auditor kept outside the database. Answers 200 with `valid: false` and `brokenAt` (the"
                    + " first sequence that does not verify) when the log was altered or truncated.")
    @APIResponse(
            responseCode = "200",
            description = "The outcome, valid or not",
            content = @Content(schema = @Schema(implementation = VerifyResult.class)))
    public VerifyResult verify(
            @Parameter(description = "First sequence to check (default 1)") @QueryParam("from") Long from,
            @Parameter(description = "Last sequence to check (default the head)") @QueryParam("to") Long to,
            @Parameter(description = "SEQUENCE or SEQUENCE:HASH", example = "4711") @QueryParam("fromCheckpoint")
                    String fromCheckpoint) {
        return audit.verify(from, to, fromCheckpoint, caller.get());
    }

    @GET
    @Path("/checkpoints")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(
            operationId = "listAuditCheckpoints",
            summary = "Signed checkpoints",
            description = "Signed heads of the chain, newest first, and the public key to check them. Keep copies"
                    + " outside the service: with them `verify` detects truncation and rewriting.")
    @APIResponse(
            responseCode = "200",
            description = "Checkpoints, newest first",
            content = @Content(schema = @Schema(implementation = CheckpointList.class)))
    public CheckpointList checkpoints(
            @Parameter(description = "At most this many (1-1000)") @QueryParam("limit") @DefaultValue("100")
                    int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("limit", "limit must be between 1 and 1000");
        }
        CheckpointList list = checkpoints.list(limit);
        audit.recordRead(caller.get(), "checkpoints", Map.of("limit", limit));
        return list;
    }

    @POST
    @Path("/checkpoints")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(
            operationId = "signAuditCheckpoint",
            summary = "Sign the current head now",
            description = "Signs the chain's current head and answers the checkpoint (the existing one when the head"
                    + " has not moved since the last checkpoint).")
    @APIResponse(
            responseCode = "201",
            description = "The checkpoint of the current head",
            content = @Content(schema = @Schema(implementation = CheckpointView.class)))
    public Response signCheckpoint() {
        CheckpointView checkpoint = checkpoints.sign();
        return Response.created(URI.create("/v1/audit/checkpoints?sequence=" + checkpoint.sequence()))
                .entity(checkpoint)
                .build();
    }

    @GET
    @Path("/usage")
    @RolesAllowed(Roles.AUDITOR)
    @Operation(
            operationId = "getUsageReport",
            summary = "Usage per organisation",
            description = "Checks per day, verdict mix, share outside working hours, repeated checks of one"
                    + " candidate and distinct candidates, per organisation, so fishing stands out. Default period:"
                    + " the last 30 days.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = @Content(schema = @Schema(implementation = UsageReport.class)))
    public UsageReport usage(
            @Parameter(description = "Period start (ISO-8601 instant)") @QueryParam("from") String from,
            @Parameter(description = "Period end, exclusive (ISO-8601 instant)") @QueryParam("to") String to,
            @Parameter(description = "Only this organisation") @QueryParam("org") String org) {
        UsageReport report = usage.report(
                AuditParameters.instant("from", from),
                AuditParameters.instant("to", to),
                AuditParameters.filterText("org", org));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", report.from().toString());
        query.put("to", report.to().toString());
        if (org != null) {
            query.put("org", org);
        }
        audit.recordRead(caller.get(), "usage", query);
        return report;
    }
}
