package org.qorgau.console;

import static org.qorgau.console.ConsolePages.PAGE_SIZE;
import static org.qorgau.console.ConsolePages.blank;
import static org.qorgau.console.ConsolePages.msg;
import static org.qorgau.console.ConsolePages.verdict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditFilter;
import org.qorgau.audit.AuditService;
import org.qorgau.audit.Checkpoints;
import org.qorgau.audit.UsageService;
import org.qorgau.audit.api.AuditEventPage;
import org.qorgau.audit.api.AuditEventView;
import org.qorgau.audit.api.CheckpointList;
import org.qorgau.audit.api.UsageReport;
import org.qorgau.audit.api.VerifyResult;
import org.qorgau.error.NotFoundException;
import org.qorgau.security.Caller;
import org.qorgau.security.Roles;

/**
 * The auditor's console pages: the audit events (filtered, paged, exported), one event, the chain's verification, the
 * usage report and the signed checkpoints, through the same services and with the same audit of reads as the API.
 */
@Path("/console/audit")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleAuditResource {

    private final ConsolePages pages;
    private final ConsoleTemplates templates;
    private final AuditService audit;
    private final UsageService usage;
    private final Checkpoints checkpoints;
    private final ObjectMapper json;
    private final AuditFilterForm form;

    public ConsoleAuditResource(
            ConsolePages pages,
            ConsoleTemplates templates,
            AuditService audit,
            UsageService usage,
            Checkpoints checkpoints,
            ObjectMapper json) {
        this.pages = pages;
        this.templates = templates;
        this.audit = audit;
        this.usage = usage;
        this.checkpoints = checkpoints;
        this.json = json;
        this.form = new AuditFilterForm(pages.zone());
    }

    @GET
    @Path("/events")
    public Response events(
            @QueryParam("type") String type,
            @QueryParam("org") String org,
            @QueryParam("actor") String actor,
            @QueryParam("verdict") String verdict,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        AuditMsg texts = msg(AuditMsg.class, request);
        AuditFilter filter = form.filter(type, org, actor, verdict, from, to, cursor);
        AuditEventPage page = audit.page(filter, PAGE_SIZE, caller);
        List<Views.EventRow> rows =
                page.events().stream().map(e -> row(e, request)).toList();
        List<Views.Option> types = new ArrayList<>();
        types.add(new Views.Option("", texts.any(), blank(type)));
        for (AuditEventType t : AuditEventType.values()) {
            types.add(new Views.Option(t.name(), t.name(), t.name().equals(type)));
        }
        List<Views.Option> verdicts = new ArrayList<>();
        verdicts.add(new Views.Option("", texts.any(), blank(verdict)));
        for (String v : List.of("MATCH", "POSSIBLE_MATCH", "NO_MATCH")) {
            verdicts.add(new Views.Option(v, verdict(msg, v), v.equals(verdict)));
        }
        String query = AuditFilterForm.query(type, org, actor, verdict, from, to);
        TemplateInstance instance = templates
                .events
                .data("rows", rows)
                .data("types", types)
                .data("verdicts", verdicts)
                .data("org", org == null ? "" : org)
                .data("actor", actor == null ? "" : actor)
                .data("from", from == null ? "" : from)
                .data("to", to == null ? "" : to)
                .data("csv", "/console/audit/export?format=csv" + query)
                .data("ndjson", "/console/audit/export?format=ndjson" + query)
                .data(
                        "next",
                        page.nextCursor() == null ? null : "/console/audit/events?cursor=" + page.nextCursor() + query);
        return pages.render(request, 200, instance, texts.eventsTitle());
    }

    @GET
    @Path("/events/{sequence}")
    public Response event(@PathParam("sequence") long sequence) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        AuditMsg texts = msg(AuditMsg.class, request);
        AuditEventPage page = audit.page(new AuditFilter(null, null, null, null, null, null, sequence - 1), 1, caller);
        AuditEventView found = page.events().stream()
                .filter(e -> e.sequence() == sequence)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No such event."));
        TemplateInstance instance = templates.event.data("event", row(found, request));
        return pages.render(request, 200, instance, texts.eventTitle(sequence));
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", "application/x-ndjson"})
    public Response export(
            @QueryParam("format") String format,
            @QueryParam("type") String type,
            @QueryParam("org") String org,
            @QueryParam("actor") String actor,
            @QueryParam("verdict") String verdict,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.AUDITOR);
        AuditService.Format chosen = "ndjson".equals(format) ? AuditService.Format.NDJSON : AuditService.Format.CSV;
        AuditFilter filter = form.filter(type, org, actor, verdict, from, to, null);
        audit.recordExport(filter, chosen, caller);
        StreamingOutput body = out -> audit.export(filter, chosen, out);
        String extension = chosen == AuditService.Format.CSV ? "csv" : "ndjson";
        return Response.ok(body, chosen == AuditService.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit-events." + extension + "\"")
                .build();
    }

    @GET
    @Path("/verify")
    public Response verify(@QueryParam("run") String run) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        AuditMsg texts = msg(AuditMsg.class, request);
        Views.Verification verification = null;
        if (run != null) {
            VerifyResult result = audit.verify(null, null, null, caller);
            verification = new Views.Verification(
                    result.valid(),
                    result.checked(),
                    text(result.firstSequence()),
                    text(result.lastSequence()),
                    result.headHash(),
                    text(result.brokenAt()),
                    result.problem(),
                    result.checkpointsChecked());
        }
        return pages.render(request, 200, templates.verify.data("result", verification), texts.verifyTitle());
    }

    @GET
    @Path("/usage")
    public Response usage(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("org") String org) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        AuditMsg texts = msg(AuditMsg.class, request);
        String orgFilter = blank(org) ? null : org;
        UsageReport report = usage.report(form.day("from", from), form.dayAfter("to", to), orgFilter);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", report.from().toString());
        query.put("to", report.to().toString());
        if (orgFilter != null) {
            query.put("org", orgFilter);
        }
        audit.recordRead(caller, "usage", query);
        List<Views.UsageRow> rows = report.organisations().stream()
                .map(o -> new Views.UsageRow(
                        o.org(),
                        o.checks(),
                        String.format(request.locale(), "%.0f %%", o.outsideWorkingHoursShare() * 100),
                        o.distinctCandidates(),
                        o.repeatedCandidates(),
                        o.sweep() != null && o.sweep().suspected(),
                        o.sweep() == null ? "" : String.join(", ", o.sweep().reasons())))
                .toList();
        TemplateInstance instance = templates
                .usage
                .data("rows", rows)
                .data(
                        "period",
                        texts.usagePeriod(
                                pages.date(report.from(), request),
                                pages.date(report.to().minusSeconds(1), request),
                                report.zone()))
                .data("from", from == null ? "" : from)
                .data("to", to == null ? "" : to)
                .data("org", org == null ? "" : org);
        return pages.render(request, 200, instance, texts.usageTitle());
    }

    @GET
    @Path("/checkpoints")
    public Response checkpoints() {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        AuditMsg texts = msg(AuditMsg.class, request);
        CheckpointList list = checkpoints.list(100);
        audit.recordRead(caller, "checkpoints", Map.of("limit", 100));
        List<Views.CheckpointRow> rows = list.checkpoints().stream()
                .map(c -> new Views.CheckpointRow(c.sequence(), c.hash(), pages.dateTime(c.signedAt(), request)))
                .toList();
        return pages.render(request, 200, templates.checkpoints.data("rows", rows), texts.checkpointsTitle());
    }

    @GET
    @Path("/checkpoints.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpointsDownload() {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.AUDITOR);
        CheckpointList list = checkpoints.list(1000);
        audit.recordRead(caller, "checkpoints", Map.of("limit", 1000));
        return Response.ok(list, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"audit-checkpoints.json\"")
                .build();
    }

    private Views.EventRow row(AuditEventView e, ConsoleRequest request) {
        String verdict = e.outcome() != null && e.outcome().has("verdict")
                ? e.outcome().get("verdict").asText()
                : null;
        return new Views.EventRow(
                e.sequence(),
                pages.dateTime(e.occurredAt(), request),
                e.type(),
                e.actor() == null ? null : e.actor().subject(),
                e.actor() == null ? null : e.actor().org(),
                verdict,
                e.checkId() == null ? null : e.checkId().toString(),
                pretty(e.query()),
                pretty(e.outcome()),
                e.prevHash(),
                e.hash());
    }

    private String pretty(Object node) {
        if (node == null) {
            return "";
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }

    private static String text(Long value) {
        return value == null ? "" : value.toString();
    }
}
