package org.qorgau.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
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
import org.qorgau.common.Validation;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.ConflictException;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.QorgauException;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.Verdict;
import org.qorgau.registry.ImportMode;
import org.qorgau.registry.RegistryService;
import org.qorgau.registry.api.ImportResult;
import org.qorgau.registry.api.RegistryResource;
import org.qorgau.registry.api.RegistryVersionView;
import org.qorgau.screening.CheckService;
import org.qorgau.screening.ReviewService;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.screening.api.ReviewQueueItem;
import org.qorgau.screening.api.ReviewQueueResource;
import org.qorgau.screening.api.ReviewRequest;
import org.qorgau.screening.api.ReviewView;
import org.qorgau.security.Caller;
import org.qorgau.security.Roles;

/**
 * The web console: server-rendered pages for reviewers and auditors over the same services as the API. Not
 * authorised by a bearer token but by the console's signed session cookie: every page names the role it needs
 * ({@link #require}), every POST checks the form's CSRF token, and services get the same {@link Caller} (subject,
 * organisation, roles) a token would give them, so a reviewer sees only their organisation exactly as in the API.
 */
@Path("/console")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final int PAGE_SIZE = 25;
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("kk", "Қазақша", "ru", "Русский", "en", "English");

    private final ConsoleConfig config;
    private final SessionCodec sessions;
    private final ReviewService reviews;
    private final CheckService checks;
    private final AuditService audit;
    private final UsageService usage;
    private final Checkpoints checkpoints;
    private final RegistryService registry;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Templates templates;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    public ConsoleResource(
            ConsoleConfig config,
            SessionCodec sessions,
            ReviewService reviews,
            CheckService checks,
            AuditService audit,
            UsageService usage,
            Checkpoints checkpoints,
            RegistryService registry,
            ObjectMapper json,
            QorgauConfig qorgau,
            Templates templates) {
        this.config = config;
        this.sessions = sessions;
        this.reviews = reviews;
        this.checks = checks;
        this.audit = audit;
        this.usage = usage;
        this.checkpoints = checkpoints;
        this.registry = registry;
        this.json = json;
        this.zone = qorgau.usage().zone();
        this.templates = templates;
    }

    /** The console's templates (a singleton: fields are read directly, so no client proxy in between). */
    @jakarta.inject.Singleton
    public static class Templates {
        @jakarta.inject.Inject
        @Location("console/message.html")
        Template message;

        @jakarta.inject.Inject
        @Location("console/signin.html")
        Template signIn;

        @jakarta.inject.Inject
        @Location("console/link.html")
        Template link;

        @jakarta.inject.Inject
        @Location("console/queue.html")
        Template queue;

        @jakarta.inject.Inject
        @Location("console/check.html")
        Template check;

        @jakarta.inject.Inject
        @Location("console/events.html")
        Template events;

        @jakarta.inject.Inject
        @Location("console/event.html")
        Template event;

        @jakarta.inject.Inject
        @Location("console/verify.html")
        Template verify;

        @jakarta.inject.Inject
        @Location("console/usage.html")
        Template usage;

        @jakarta.inject.Inject
        @Location("console/checkpoints.html")
        Template checkpoints;

        @jakarta.inject.Inject
        @Location("console/registry.html")
        Template registry;

        @jakarta.inject.Inject
        @Location("console/registry-import.html")
        Template registryImport;
    }

    /** Thrown to answer with a finished response (redirect, refusal) from anywhere in a page. */
    static final class PageResponse extends RuntimeException {
        final transient Response response;

        PageResponse(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    @ServerExceptionMapper
    public Response page(PageResponse e) {
        return e.response;
    }

    /** Service errors on console pages answer as pages, not problem+json, with the same status. */
    @ServerExceptionMapper
    public Response problem(QorgauException e) {
        ConsoleRequest request = request();
        Msg msg = msg(request);
        String title = e.status() == 404 ? msg.notFoundTitle() : e.title();
        String text = e.status() == 404 ? msg.notFoundText() : detail(e);
        return message(request, e.status(), title, text);
    }

    // ---- sign-in ---------------------------------------------------------------------------------------------

    @GET
    @Path("/")
    public Response home() {
        ConsoleRequest request = request();
        if (request.session.isEmpty()) {
            if (config.devSignIn()) {
                return Response.seeOther(URI.create("/console/sign-in")).build();
            }
            if (config.oidcSignIn()) {
                return Response.seeOther(URI.create(ConsoleOidcResource.SIGN_IN))
                        .build();
            }
            Msg msg = msg(request);
            return message(request, 200, msg.signInUnavailableTitle(), msg.signInUnavailableText());
        }
        ConsoleSession session = request.session.get();
        if (session.has(Roles.REVIEWER)) {
            return Response.seeOther(URI.create("/console/reviews")).build();
        }
        if (session.has(Roles.AUDITOR)) {
            return Response.seeOther(URI.create("/console/audit/events")).build();
        }
        if (session.has(Roles.REGISTRY_ADMIN)) {
            return Response.seeOther(URI.create("/console/registry")).build();
        }
        Msg msg = msg(request);
        return message(request, 200, msg.homeTitle(), msg.homeNoPages());
    }

    @GET
    @Path("/sign-in")
    public Response signInForm() {
        devSignInOnly();
        ConsoleRequest request = request();
        Msg msg = msg(request);
        return render(request, 200, templates.signIn.instance(), msg.signInTitle());
    }

    @POST
    @Path("/sign-in")
    public Response signIn(
            @FormParam("role") String role,
            @FormParam("org") String org,
            @FormParam("subject") String subject,
            @FormParam("csrf") String csrf) {
        devSignInOnly();
        ConsoleRequest request = request();
        checkCsrf(request, csrf);
        if (!Set.of(Roles.REVIEWER, Roles.AUDITOR, Roles.REGISTRY_ADMIN).contains(role)) {
            throw new ValidationException("role", "role must be reviewer, auditor or registry-admin");
        }
        for (String[] field : new String[][] {{"org", org}, {"subject", subject}}) {
            String problem = field[1] == null || field[1].isBlank() ? "is required" : Validation.filter(field[1]);
            if (problem != null) {
                throw new ValidationException(field[0], field[0] + " " + problem);
            }
        }
        ConsoleSession session = new ConsoleSession(
                subject.strip(),
                org.strip(),
                Set.of(role),
                SessionCodec.randomToken(),
                Instant.now().plus(config.sessionTtl()));
        request.addCookie(request.cookie(ConsoleRequest.SESSION_COOKIE, sessions.encode(session), (int)
                config.sessionTtl().toSeconds()));
        return Response.seeOther(URI.create("/console/"))
                .cookie(request.cookies())
                .build();
    }

    /**
     * Where the provider sign-in ({@link ConsoleOidcResource}) lands: a page that moves on to the console rather than
     * a redirect. The browser comes here on a redirect chain the provider's site started, on which a SameSite=Strict
     * cookie is not sent; the page's own navigation is same-site, so the console then sees the new session.
     */
    @GET
    @Path("/signed-in")
    public Response signedIn() {
        ConsoleRequest request = request();
        Msg msg = msg(request);
        TemplateInstance page = templates
                .link
                .data("text", msg.signedInText())
                .data("href", "/console/")
                .data("link", msg.signedInContinue());
        return Response.fromResponse(render(request, 200, page, msg.signedInTitle()))
                .header("Refresh", "0; url=/console/")
                .build();
    }

    /** Where the provider sign-in sends an account without a console role, or a reviewer without organisation. */
    @GET
    @Path("/not-allowed")
    public Response notAllowed() {
        ConsoleRequest request = request();
        Msg msg = msg(request);
        return message(request, 403, msg.forbiddenTitle(), msg.oidcNoConsoleRole());
    }

    @POST
    @Path("/sign-out")
    public Response signOut(@FormParam("csrf") String csrf) {
        ConsoleRequest request = request();
        checkCsrf(request, csrf);
        // to a page, not to the sign-in: with the provider sign-in, /console/ would sign the person straight back in
        return Response.seeOther(URI.create("/console/signed-out"))
                .cookie(
                        request.cookie(ConsoleRequest.SESSION_COOKIE, "", 0),
                        // the identity provider's session with the console, if any
                        request.cookie(ConsoleOidcResource.PROVIDER_SESSION_COOKIE, "", 0))
                .build();
    }

    @GET
    @Path("/signed-out")
    public Response signedOut() {
        ConsoleRequest request = request();
        Msg msg = msg(request);
        return render(
                request,
                200,
                templates
                        .link
                        .data("text", msg.signedOutText())
                        .data("href", "/console/")
                        .data("link", msg.signIn()),
                msg.signedOutTitle());
    }

    @POST
    @Path("/language")
    public Response language(
            @FormParam("lang") String lang, @FormParam("back") String back, @FormParam("csrf") String csrf) {
        ConsoleRequest request = request();
        checkCsrf(request, csrf);
        if (!ConsoleRequest.LANGUAGES.contains(lang)) {
            throw new ValidationException("lang", "lang must be kk, ru or en");
        }
        // only back into the console: never an open redirect, never a 500 for a malformed path
        URI target = URI.create("/console/");
        if (back != null && back.startsWith("/console/") && !back.startsWith("/console//")) {
            try {
                URI parsed = new URI(back);
                if (parsed.getScheme() == null && parsed.getAuthority() == null) {
                    target = parsed;
                }
            } catch (java.net.URISyntaxException e) {
                // keep the console's home
            }
        }
        return Response.seeOther(target)
                .cookie(request.cookie(ConsoleRequest.LANGUAGE_COOKIE, lang, 365 * 24 * 3600))
                .build();
    }

    // ---- reviewer ----------------------------------------------------------------------------------------------

    @GET
    @Path("/reviews")
    public Response queue(@QueryParam("cursor") String cursor, @QueryParam("decided") String decided) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.REVIEWER);
        Msg msg = msg(request);
        ReviewService.QueuePage page = reviews.queue(caller, ReviewQueueResource.decode(cursor), PAGE_SIZE);
        List<Views.QueueRow> rows = new ArrayList<>();
        for (ReviewQueueItem item : page.items()) {
            rows.add(new Views.QueueRow(
                    item.checkId().toString(),
                    dateTime(item.createdAt(), request),
                    verdict(msg, item.verdict()),
                    item.purpose(),
                    String.join(
                            ", ",
                            item.pending().stream()
                                    .map(ReviewQueueItem.PendingMatch::externalId)
                                    .toList())));
        }
        TemplateInstance instance = templates
                .queue
                .data("rows", rows)
                .data("decided", decided != null)
                .data(
                        "next",
                        page.next() == null
                                ? null
                                : "/console/reviews?cursor=" + ReviewQueueResource.encode(page.next()));
        return render(request, 200, instance, msg.queueTitle());
    }

    @GET
    @Path("/reviews/{checkId}")
    public Response check(@PathParam("checkId") String checkId) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.REVIEWER);
        return checkPage(request, caller, uuid(checkId), 200, null);
    }

    @POST
    @Path("/reviews/{checkId}/decisions")
    public Response decide(
            @PathParam("checkId") String checkId,
            @FormParam("externalId") String externalId,
            @FormParam("decision") String decision,
            @FormParam("reason") String reason,
            @FormParam("supersedes") String supersedes,
            @FormParam("csrf") String csrf) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.REVIEWER);
        checkCsrf(request, csrf);
        UUID id = uuid(checkId);
        try {
            reviews.record(
                    id,
                    new ReviewRequest(
                            externalId,
                            decision,
                            reason,
                            supersedes == null || supersedes.isBlank() ? null : supersedes),
                    caller);
        } catch (NotFoundException e) {
            throw e;
        } catch (QorgauException e) {
            // shown beside the form it concerns, with what was typed kept
            return checkPage(request, caller, id, e.status(), detail(e));
        }
        return Response.seeOther(URI.create("/console/reviews?decided=1")).build();
    }

    private Response checkPage(ConsoleRequest request, Caller caller, UUID checkId, int status, String error) {
        Msg msg = msg(request);
        CheckResponse check =
                checks.find(checkId, caller, false).orElseThrow(() -> new NotFoundException("No such check."));
        AuditService.CandidateAsSent sent =
                audit.candidateOf(checkId).orElse(new AuditService.CandidateAsSent(true, null, null, null));
        List<ReviewView> history = reviews.history(checkId, caller, false).orElse(List.of());
        List<Views.MatchPanel> panels = new ArrayList<>();
        for (CheckResponse.MatchView match : check.matches()) {
            List<Views.EvidenceRow> evidence = new ArrayList<>();
            String photo = msg.noPhoto();
            for (CheckResponse.EvidenceView e : match.explanation()) {
                evidence.add(new Views.EvidenceRow(
                        field(msg, e.field()),
                        words(e.level()),
                        String.format(Locale.ROOT, "%+.1f", e.weight()),
                        e.detail()));
                if ("photo".equals(e.field())) {
                    photo = words(e.level()) + " — " + e.detail();
                }
            }
            List<Views.DecisionRow> decisions = new ArrayList<>();
            String currentId = null;
            String currentDecision = null;
            for (ReviewView review : history) {
                if (!review.externalId().equals(match.externalId())) {
                    continue;
                }
                decisions.add(new Views.DecisionRow(
                        decision(msg, review.decision()),
                        review.reason(),
                        review.reviewer(),
                        dateTime(review.createdAt(), request),
                        review.current(),
                        review.checkId().toString()));
                if (review.current()) {
                    currentId = review.reviewId().toString();
                    currentDecision = decision(msg, review.decision());
                }
            }
            CheckResponse.EntrySummary entry = match.entry();
            panels.add(new Views.MatchPanel(
                    match.externalId(),
                    verdict(msg, match.verdict()),
                    String.format(request.locale(), "%.1f %%", match.probability() * 100),
                    entry == null ? null : entry.fullName(),
                    entry == null || entry.aliases() == null || entry.aliases().isEmpty()
                            ? msg.none()
                            : String.join("; ", entry.aliases()),
                    entry == null ? null : entry.dateOfBirth(),
                    entry == null || entry.region() == null ? msg.none() : entry.region(),
                    entry == null ? null : entry.offence(),
                    entry == null ? null : entry.sourceUrl(),
                    evidence,
                    photo,
                    decisions,
                    currentId,
                    currentDecision));
        }
        TemplateInstance instance = templates
                .check
                .data("checkId", checkId.toString())
                .data("registryVersion", check.registryVersion())
                .data("verdict", verdict(msg, check.verdict()))
                .data("checkedAt", dateTime(check.createdAt(), request))
                .data(
                        "candidate",
                        new Views.Candidate(
                                sent.redacted(),
                                sent.fullName(),
                                sent.dateOfBirth(),
                                sent.photoHash() == null ? msg.none() : sent.photoHash()))
                .data("matches", panels)
                .data("error", error);
        return render(request, status, instance, msg.checkTitle());
    }

    // ---- auditor -----------------------------------------------------------------------------------------------

    @GET
    @Path("/audit/events")
    public Response events(
            @QueryParam("type") String type,
            @QueryParam("org") String org,
            @QueryParam("actor") String actor,
            @QueryParam("verdict") String verdict,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        AuditFilter filter = filter(type, org, actor, verdict, from, to, cursor);
        AuditEventPage page = audit.page(filter, PAGE_SIZE, caller);
        List<Views.EventRow> rows =
                page.events().stream().map(e -> row(e, request)).toList();
        List<Views.Option> types = new ArrayList<>();
        types.add(new Views.Option("", msg.any(), blank(type)));
        for (AuditEventType t : AuditEventType.values()) {
            types.add(new Views.Option(t.name(), t.name(), t.name().equals(type)));
        }
        List<Views.Option> verdicts = new ArrayList<>();
        verdicts.add(new Views.Option("", msg.any(), blank(verdict)));
        for (String v : List.of("MATCH", "POSSIBLE_MATCH", "NO_MATCH")) {
            verdicts.add(new Views.Option(v, verdict(msg, v), v.equals(verdict)));
        }
        String query = query(type, org, actor, verdict, from, to);
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
        return render(request, 200, instance, msg.eventsTitle());
    }

    @GET
    @Path("/audit/events/{sequence}")
    public Response event(@PathParam("sequence") long sequence) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        AuditEventPage page = audit.page(new AuditFilter(null, null, null, null, null, null, sequence - 1), 1, caller);
        AuditEventView found = page.events().stream()
                .filter(e -> e.sequence() == sequence)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No such event."));
        TemplateInstance instance = templates.event.data("event", row(found, request));
        return render(request, 200, instance, msg.eventTitle(sequence));
    }

    @GET
    @Path("/audit/export")
    @Produces({"text/csv", "application/x-ndjson"})
    public Response export(
            @QueryParam("format") String format,
            @QueryParam("type") String type,
            @QueryParam("org") String org,
            @QueryParam("actor") String actor,
            @QueryParam("verdict") String verdict,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.AUDITOR);
        AuditService.Format chosen = "ndjson".equals(format) ? AuditService.Format.NDJSON : AuditService.Format.CSV;
        AuditFilter filter = filter(type, org, actor, verdict, from, to, null);
        audit.recordExport(filter, chosen, caller);
        StreamingOutput body = out -> audit.export(filter, chosen, out);
        String extension = chosen == AuditService.Format.CSV ? "csv" : "ndjson";
        return Response.ok(body, chosen == AuditService.Format.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit-events." + extension + "\"")
                .build();
    }

    @GET
    @Path("/audit/verify")
    public Response verify(@QueryParam("run") String run) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.AUDITOR);
        Msg msg = msg(request);
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
        return render(request, 200, templates.verify.data("result", verification), msg.verifyTitle());
    }

    @GET
    @Path("/audit/usage")
    public Response usage(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("org") String org) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        String orgFilter = blank(org) ? null : org;
        UsageReport report = usage.report(day("from", from), dayAfter("to", to), orgFilter);
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
                        msg.usagePeriod(
                                date(report.from(), request),
                                date(report.to().minusSeconds(1), request),
                                report.zone()))
                .data("from", from == null ? "" : from)
                .data("to", to == null ? "" : to)
                .data("org", org == null ? "" : org);
        return render(request, 200, instance, msg.usageTitle());
    }

    @GET
    @Path("/audit/checkpoints")
    public Response checkpoints() {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.AUDITOR);
        Msg msg = msg(request);
        CheckpointList list = checkpoints.list(100);
        audit.recordRead(caller, "checkpoints", Map.of("limit", 100));
        List<Views.CheckpointRow> rows = list.checkpoints().stream()
                .map(c -> new Views.CheckpointRow(c.sequence(), c.hash(), dateTime(c.signedAt(), request)))
                .toList();
        return render(request, 200, templates.checkpoints.data("rows", rows), msg.checkpointsTitle());
    }

    @GET
    @Path("/audit/checkpoints.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response checkpointsDownload() {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.AUDITOR);
        CheckpointList list = checkpoints.list(1000);
        audit.recordRead(caller, "checkpoints", Map.of("limit", 1000));
        return Response.ok(list, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"audit-checkpoints.json\"")
                .build();
    }

    // ---- registry admin ----------------------------------------------------------------------------------------

    @GET
    @Path("/registry")
    public Response registryVersions(@QueryParam("cursor") String cursor) {
        ConsoleRequest request = request();
        // as GET /v1/registry/versions: the registry's administrators and the auditors
        require(request, Roles.REGISTRY_ADMIN, Roles.AUDITOR);
        Msg msg = msg(request);
        Long before = null;
        if (!blank(cursor)) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "cursor is not one this service issued");
            }
        }
        List<RegistryVersionView> versions = registry.versions(PAGE_SIZE + 1, before);
        String next = null;
        if (versions.size() > PAGE_SIZE) {
            versions = versions.subList(0, PAGE_SIZE);
            next = "/console/registry?cursor=" + versions.get(PAGE_SIZE - 1).version();
        }
        List<Views.VersionRow> rows = versions.stream()
                .map(v -> new Views.VersionRow(
                        v.version(),
                        dateTime(v.createdAt(), request),
                        v.actor(),
                        v.actorOrg(),
                        kind(msg, v.kind()),
                        v.added(),
                        v.updated(),
                        v.removed(),
                        v.unchanged(),
                        v.entryCount(),
                        v.contentHash(),
                        v.reason()))
                .toList();
        return render(request, 200, templates.registry.data("rows", rows).data("next", next), msg.registryTitle());
    }

    @GET
    @Path("/registry/imports")
    public Response importForm() {
        ConsoleRequest request = request();
        require(request, Roles.REGISTRY_ADMIN);
        return importPage(request, 200, null, null, null, "upsert", false);
    }

    /**
     * Imports an uploaded file through the same service, rules and audit as {@code POST /v1/registry/imports}: all
     * or nothing, a dry run, and a large replace held until its removals are confirmed. The page shows the counts,
     * or the validation report of every invalid line.
     */
    @POST
    @Path("/registry/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFile(
            @RestForm("file") FileUpload file,
            @RestForm("mode") String mode,
            @RestForm("dryRun") String dryRun,
            @RestForm("confirmRemovals") String confirmRemovals,
            @RestForm("csrf") String csrf) {
        ConsoleRequest request = request();
        Caller caller = require(request, Roles.REGISTRY_ADMIN);
        checkCsrf(request, csrf);
        Msg msg = msg(request);
        String chosenMode = "replace".equals(mode) ? "replace" : "upsert";
        boolean dry = dryRun != null;
        Boolean csv = file == null ? null : csv(file);
        if (csv == null) {
            return importPage(request, 422, null, msg.importChooseFile(), List.of(), chosenMode, dry);
        }
        Long confirmed = null;
        if (!blank(confirmRemovals)) {
            try {
                confirmed = Long.parseLong(confirmRemovals.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("confirmRemovals", "confirmRemovals must be a whole number");
            }
        }
        ImportMode importMode = "replace".equals(chosenMode) ? ImportMode.REPLACE : ImportMode.UPSERT;
        try (InputStream body = Files.newInputStream(file.uploadedFile())) {
            ImportResult result = registry.importEntries(importMode, csv, body, caller, dry, confirmed);
            Views.ImportOutcome outcome = new Views.ImportOutcome(
                    !dry,
                    dry,
                    result.registryVersion(),
                    result.added(),
                    result.updated(),
                    result.removed(),
                    result.unchanged());
            return importPage(request, 200, outcome, null, null, chosenMode, dry);
        } catch (ValidationException e) {
            List<Views.ImportError> errors = e.errors().stream()
                    .map(error -> new Views.ImportError(
                            error.line() == null ? "" : error.line().toString(),
                            error.field() == null ? "" : error.field(),
                            error.message()))
                    .toList();
            return importPage(request, 422, null, e.detail(), errors, chosenMode, dry);
        } catch (ConflictException e) {
            Map<String, Long> counts = e.counts();
            Views.ImportOutcome outcome = new Views.ImportOutcome(
                    false,
                    false,
                    registry.currentVersion(),
                    counts.getOrDefault("added", 0L),
                    counts.getOrDefault("updated", 0L),
                    counts.getOrDefault("removed", 0L),
                    counts.getOrDefault("unchanged", 0L));
            return importPage(request, 409, outcome, e.detail(), null, chosenMode, dry);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response importPage(
            ConsoleRequest request,
            int status,
            Views.ImportOutcome outcome,
            String problem,
            List<Views.ImportError> errors,
            String mode,
            boolean dryRun) {
        Msg msg = msg(request);
        TemplateInstance instance = templates
                .registryImport
                .data("outcome", outcome)
                .data("problem", problem)
                .data("errors", errors)
                .data("conflict", status == 409)
                .data("replace", "replace".equals(mode))
                .data("dryRun", dryRun);
        return render(request, status, instance, msg.importTitle());
    }

    /** CSV or NDJSON by the file's name, else by its declared type; null when it is neither. */
    private static Boolean csv(FileUpload file) {
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        String type = file.contentType() == null ? "" : file.contentType().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || type.startsWith("text/csv")) {
            return true;
        }
        if (name.endsWith(".ndjson")
                || name.endsWith(".jsonl")
                || name.endsWith(".json")
                || type.startsWith(RegistryResource.NDJSON)) {
            return false;
        }
        return null;
    }

    private static String kind(Msg msg, String kind) {
        return switch (kind == null ? "" : kind) {
            case "IMPORT_UPSERT" -> msg.kindImportUpsert();
            case "IMPORT_REPLACE" -> msg.kindImportReplace();
            case "ENTRY_PUT" -> msg.kindEntryPut();
            case "ENTRY_DELETE" -> msg.kindEntryDelete();
            default -> kind;
        };
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private ConsoleRequest request() {
        return new ConsoleRequest(headers, uri, sessions);
    }

    private void devSignInOnly() {
        if (!config.devSignIn()) {
            // production: the page does not exist
            throw new NotFoundException("No such page.");
        }
    }

    /** The signed-in caller with one of {@code roles}: otherwise to the sign-in (none) or a 403 page (another role). */
    private Caller require(ConsoleRequest request, String... roles) {
        if (request.session.isEmpty()) {
            throw new PageResponse(Response.seeOther(URI.create("/console/")).build());
        }
        ConsoleSession session = request.session.get();
        if (Arrays.stream(roles).noneMatch(session::has)) {
            Msg msg = msg(request);
            throw new PageResponse(message(request, 403, msg.forbiddenTitle(), msg.forbiddenText()));
        }
        return session.caller();
    }

    private void checkCsrf(ConsoleRequest request, String token) {
        if (!request.csrfMatches(token)) {
            Msg msg = msg(request);
            throw new PageResponse(message(request, 403, msg.forbiddenTitle(), msg.csrfFailed()));
        }
    }

    static Msg msg(ConsoleRequest request) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(request.lang));
    }

    private Response message(ConsoleRequest request, int status, String title, String text) {
        return render(request, status, templates.message.data("text", text), title);
    }

    private Response render(ConsoleRequest request, int status, TemplateInstance instance, String title) {
        Msg msg = msg(request);
        ConsoleSession session = request.session.orElse(null);
        List<Views.Language> languages = ConsoleRequest.LANGUAGES.stream()
                .map(code -> new Views.Language(code, LANGUAGE_NAMES.get(code), code.equals(request.lang)))
                .toList();
        Views.Page page = new Views.Page(
                request.lang,
                title + " — " + msg.appName(),
                request.csrf,
                session == null ? null : session.subject(),
                session == null ? null : session.org(),
                session != null,
                session != null && session.has(Roles.REVIEWER),
                session != null && session.has(Roles.AUDITOR),
                session != null && session.has(Roles.REGISTRY_ADMIN),
                request.path,
                languages);
        String html = instance.data("p", page)
                .data("heading", title)
                .setLocale(request.locale())
                .render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .cookie(request.cookies())
                // the console is never framed, never cached, and loads nothing from elsewhere
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Content-Security-Policy",
                        "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none';"
                                + " form-action 'self'; base-uri 'none'")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private Views.EventRow row(AuditEventView e, ConsoleRequest request) {
        String verdict = e.outcome() != null && e.outcome().has("verdict")
                ? e.outcome().get("verdict").asText()
                : null;
        return new Views.EventRow(
                e.sequence(),
                dateTime(e.occurredAt(), request),
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

    private AuditFilter filter(
            String type, String org, String actor, String verdict, String from, String to, String cursor) {
        if (!blank(type)
                && Arrays.stream(AuditEventType.values())
                        .noneMatch(t -> t.name().equals(type))) {
            throw new ValidationException("type", "type is not an audit event type");
        }
        if (!blank(verdict) && !List.of("MATCH", "POSSIBLE_MATCH", "NO_MATCH").contains(verdict)) {
            throw new ValidationException("verdict", "verdict must be MATCH, POSSIBLE_MATCH or NO_MATCH");
        }
        for (String[] field : new String[][] {{"org", org}, {"actor", actor}}) {
            String problem = blank(field[1]) ? null : Validation.filter(field[1]);
            if (problem != null) {
                throw new ValidationException(field[0], field[0] + " " + problem);
            }
        }
        Long after = null;
        if (!blank(cursor)) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "cursor is not one this service issued");
            }
        }
        return new AuditFilter(
                day("from", from),
                dayAfter("to", to),
                blank(org) ? null : org,
                blank(actor) ? null : actor,
                blank(type) ? null : AuditEventType.valueOf(type),
                blank(verdict) ? null : Verdict.valueOf(verdict),
                after);
    }

    private static String query(String type, String org, String actor, String verdict, String from, String to) {
        StringBuilder query = new StringBuilder();
        String[][] pairs = {
            {"type", type}, {"org", org}, {"actor", actor}, {"verdict", verdict}, {"from", from}, {"to", to}
        };
        for (String[] pair : pairs) {
            if (!blank(pair[1])) {
                query.append('&')
                        .append(pair[0])
                        .append('=')
                        .append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    /** The start of a day (in the service's zone) given as YYYY-MM-DD; null when blank. */
    private Instant day(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + " must be a date YYYY-MM-DD");
        }
    }

    /** The start of the day after (an inclusive "to" date). */
    private Instant dayAfter(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value).plusDays(1).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + " must be a date YYYY-MM-DD");
        }
    }

    private String dateTime(Instant instant, ConsoleRequest request) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(request.locale())
                        .withZone(zone)
                        .format(instant);
    }

    private String date(Instant instant, ConsoleRequest request) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(request.locale())
                .withZone(zone)
                .format(instant);
    }

    private static String verdict(Msg msg, String code) {
        return switch (code == null ? "" : code) {
            case "MATCH" -> msg.verdictMatch();
            case "POSSIBLE_MATCH" -> msg.verdictPossibleMatch();
            case "NO_MATCH" -> msg.verdictNoMatch();
            default -> code;
        };
    }

    private static String decision(Msg msg, String code) {
        return "SAME_PERSON".equals(code)
                ? msg.samePerson()
                : "NOT_SAME_PERSON".equals(code) ? msg.notSamePerson() : code;
    }

    private static String field(Msg msg, String field) {
        return switch (field) {
            case "name" -> msg.fullName();
            case "dateOfBirth" -> msg.dateOfBirth();
            case "photo" -> msg.photoHash();
            default -> field;
        };
    }

    /** An evidence level in words: {@code TRANSLITERATION_EQUAL} → "transliteration equal". */
    private static String words(String level) {
        return level == null ? "" : level.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String detail(QorgauException e) {
        StringBuilder text = new StringBuilder(e.detail() == null ? e.title() : e.detail());
        for (var error : e.errors()) {
            text.append(' ').append(error.message()).append('.');
        }
        return text.toString();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such check.");
        }
    }

    private static String text(Long value) {
        return value == null ? "" : value.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
