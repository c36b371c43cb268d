package org.qorgau.console;

import static org.qorgau.console.ConsolePages.PAGE_SIZE;
import static org.qorgau.console.ConsolePages.detail;
import static org.qorgau.console.ConsolePages.msg;
import static org.qorgau.console.ConsolePages.verdict;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.qorgau.audit.AuditService;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.QorgauException;
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
 * The reviewer's console pages: the review queue of their organisation, one check with its candidate as sent and each
 * match's evidence, and the form that records a decision, through the same services and rules as the API.
 */
@Path("/console/reviews")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleReviewResource {

    private final ConsolePages pages;
    private final ConsoleTemplates templates;
    private final ReviewService reviews;
    private final CheckService checks;
    private final AuditService audit;

    public ConsoleReviewResource(
            ConsolePages pages,
            ConsoleTemplates templates,
            ReviewService reviews,
            CheckService checks,
            AuditService audit) {
        this.pages = pages;
        this.templates = templates;
        this.reviews = reviews;
        this.checks = checks;
        this.audit = audit;
    }

    @GET
    public Response queue(@QueryParam("cursor") String cursor, @QueryParam("decided") String decided) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.REVIEWER);
        Msg msg = msg(request);
        ReviewMsg texts = msg(ReviewMsg.class, request);
        ReviewService.QueuePage page = reviews.queue(caller, ReviewQueueResource.decode(cursor), PAGE_SIZE);
        List<Views.QueueRow> rows = new ArrayList<>();
        for (ReviewQueueItem item : page.items()) {
            rows.add(new Views.QueueRow(
                    item.checkId().toString(),
                    pages.dateTime(item.createdAt(), request),
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
        return pages.render(request, 200, instance, texts.queueTitle());
    }

    @GET
    @Path("/{checkId}")
    public Response check(@PathParam("checkId") String checkId) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.REVIEWER);
        return checkPage(request, caller, uuid(checkId), 200, null);
    }

    @POST
    @Path("/{checkId}/decisions")
    public Response decide(
            @PathParam("checkId") String checkId,
            @FormParam("externalId") String externalId,
            @FormParam("decision") String decision,
            @FormParam("reason") String reason,
            @FormParam("supersedes") String supersedes,
            @FormParam("csrf") String csrf) {
        ConsoleRequest request = pages.request();
        Caller caller = pages.require(request, Roles.REVIEWER);
        pages.checkCsrf(request, csrf);
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
        ReviewMsg texts = msg(ReviewMsg.class, request);
        CheckResponse check =
                checks.find(checkId, caller, false).orElseThrow(() -> new NotFoundException("No such check."));
        AuditService.CandidateAsSent sent =
                audit.candidateOf(checkId).orElse(new AuditService.CandidateAsSent(true, null, null, null));
        List<ReviewView> history = reviews.history(checkId, caller, false).orElse(List.of());
        List<Views.MatchPanel> panels = new ArrayList<>();
        for (CheckResponse.MatchView match : check.matches()) {
            List<Views.EvidenceRow> evidence = new ArrayList<>();
            String photo = texts.noPhoto();
            for (CheckResponse.EvidenceView e : match.explanation()) {
                evidence.add(new Views.EvidenceRow(
                        field(texts, e.field()),
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
                        decision(texts, review.decision()),
                        review.reason(),
                        review.reviewer(),
                        pages.dateTime(review.createdAt(), request),
                        review.current(),
                        review.checkId().toString()));
                if (review.current()) {
                    currentId = review.reviewId().toString();
                    currentDecision = decision(texts, review.decision());
                }
            }
            CheckResponse.EntrySummary entry = match.entry();
            panels.add(new Views.MatchPanel(
                    match.externalId(),
                    verdict(msg, match.verdict()),
                    String.format(request.locale(), "%.1f %%", match.probability() * 100),
                    entry == null ? null : entry.fullName(),
                    entry == null || entry.aliases() == null || entry.aliases().isEmpty()
                            ? texts.none()
                            : String.join("; ", entry.aliases()),
                    entry == null ? null : entry.dateOfBirth(),
                    entry == null || entry.region() == null ? texts.none() : entry.region(),
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
                .data("checkedAt", pages.dateTime(check.createdAt(), request))
                .data(
                        "candidate",
                        new Views.Candidate(
                                sent.redacted(),
                                sent.fullName(),
                                sent.dateOfBirth(),
                                sent.photoHash() == null ? texts.none() : sent.photoHash()))
                .data("matches", panels)
                .data("error", error);
        return pages.render(request, status, instance, texts.checkTitle());
    }

    private static String decision(ReviewMsg texts, String code) {
        return "SAME_PERSON".equals(code)
                ? texts.samePerson()
                : "NOT_SAME_PERSON".equals(code) ? texts.notSamePerson() : code;
    }

    private static String field(ReviewMsg texts, String field) {
        return switch (field) {
            case "name" -> texts.fullName();
            case "dateOfBirth" -> texts.dateOfBirth();
            case "photo" -> texts.photoHash();
            default -> field;
        };
    }

    /** An evidence level in words: {@code TRANSLITERATION_EQUAL} → "transliteration equal". */
    private static String words(String level) {
        return level == null ? "" : level.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such check.");
        }
    }
}
