package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditRecord;
import org.qorgau.common.Purpose;
import org.qorgau.common.Reads;
import org.qorgau.common.TimeOrderedIds;
import org.qorgau.error.ConflictException;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.registry.RegistryReader;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.screening.api.CheckResponse.AuditRef;
import org.qorgau.screening.api.CheckResponse.MatchView;
import org.qorgau.screening.api.CheckResponse.PriorReview;
import org.qorgau.screening.api.ReviewQueueItem;
import org.qorgau.screening.api.ReviewRequest;
import org.qorgau.screening.api.ReviewView;
import org.qorgau.security.Caller;

/**
 * Reviewers' decisions about a check's matches, and the organisation's memory of them: a later check of the same
 * candidate (same {@code candidate_key}) shows earlier decisions beside the match, so nobody is asked the same question
 * twice without seeing the first answer. Decisions never hide a match.
 */
@ApplicationScoped
public class ReviewService {

    private final AgroalDataSource dataSource;
    private final ReviewStore store;
    private final AuditLog auditLog;
    private final RegistryReader registry;

    public ReviewService(AgroalDataSource dataSource, ReviewStore store, AuditLog auditLog, RegistryReader registry) {
        this.dataSource = dataSource;
        this.store = store;
        this.auditLog = auditLog;
        this.registry = registry;
    }

    /** Records a decision about one match of a check of the reviewer's own organisation. */
    public ReviewView record(UUID checkId, ReviewRequest request, Caller caller) {
        Decision decision = ReviewValidation.validate(request);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<ReviewStore.ReviewedCheck> reviewed = store.check(connection, checkId, caller.org());
                if (reviewed.isEmpty()) {
                    // recorded and committed before answering: probing for other organisations' checks leaves a trace
                    auditLog.append(
                            connection,
                            new AuditEventDraft(
                                    AuditEventType.ACCESS_REFUSED,
                                    caller,
                                    null,
                                    Map.of(
                                            "checkId",
                                            checkId.toString(),
                                            "resource",
                                            "/v1/checks/" + checkId + "/reviews"),
                                    Map.of("status", 404),
                                    null,
                                    null));
                    connection.commit();
                    throw new NotFoundException("No such check.");
                }
                String candidateKey = reviewed.get().candidateKey();
                Purpose purpose = reviewed.get().purpose();
                CheckResponse check = reviewed.get().response();
                boolean matched =
                        check.matches().stream().anyMatch(m -> m.externalId().equals(request.externalId()));
                if (!matched) {
                    throw new ValidationException("externalId", "externalId is not one of this check's matches");
                }
                Long entryVersion =
                        registry.entryVersions(List.of(request.externalId())).get(request.externalId());
                ReviewStore.Current current =
                        store.currentDecision(connection, caller.org(), candidateKey, request.externalId());
                UUID supersedes = null;
                if (current != null) {
                    UUID named = request.supersedes() == null ? null : UUID.fromString(request.supersedes());
                    if (named != null && !named.equals(current.reviewId())) {
                        throw new ConflictException("supersedes names " + named + ", but the current decision about"
                                + " this candidate and entry is " + current.reviewId() + "; reload and decide again.");
                    }
                    if (current.decision() != decision && named == null) {
                        // a contradiction must be deliberate: the reviewer names the decision they overturn
                        throw new ConflictException("The current decision about this candidate and entry is "
                                + current.decision() + " (review " + current.reviewId() + "). To record "
                                + decision.name() + " instead, name it in supersedes and give the reason.");
                    }
                    supersedes = current.reviewId();
                    store.retire(connection, current.reviewId());
                } else if (request.supersedes() != null) {
                    throw new ConflictException(
                            "There is no current decision about this candidate and entry to supersede.");
                }
                Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                UUID reviewId = TimeOrderedIds.at(createdAt);
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("checkId", checkId.toString());
                query.put("externalId", request.externalId());
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("reviewId", reviewId.toString());
                outcome.put("decision", decision.name());
                outcome.put("reason", request.reason().strip());
                outcome.put("entryVersion", entryVersion);
                if (supersedes != null) {
                    outcome.put("supersedes", supersedes.toString());
                }
                AuditRecord audit = auditLog.append(
                        connection,
                        new AuditEventDraft(
                                AuditEventType.REVIEW_RECORDED,
                                caller,
                                purpose,
                                query,
                                outcome,
                                check.registryVersion(),
                                checkId));
                store.insert(
                        connection,
                        new ReviewStore.NewReview(
                                reviewId,
                                checkId,
                                caller.org(),
                                caller.subject(),
                                candidateKey,
                                request.externalId(),
                                decision.name(),
                                request.reason().strip(),
                                entryVersion,
                                createdAt,
                                audit.sequence(),
                                supersedes,
                                audit.hash()));
                connection.commit();
                return new ReviewView(
                        reviewId,
                        checkId,
                        request.externalId(),
                        decision.name(),
                        request.reason().strip(),
                        caller.subject(),
                        createdAt,
                        supersedes,
                        true,
                        new AuditRef(audit.sequence(), audit.hash()));
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("review could not be stored", e);
        }
    }

    /**
     * The matches with the organisation's earlier decisions about this candidate and each entry attached, oldest
     * first. A decision is flagged when the entry changed (or was removed) after it was made.
     */
    List<MatchView> withPriorReviews(Connection connection, String org, String candidateKey, List<MatchView> matches)
            throws SQLException {
        if (matches.isEmpty()) {
            return matches;
        }
        Reads.Read<List<ReviewStore.Prior>> priors = store.priorsRead(org, candidateKey);
        Reads.run(connection, priors);
        return withPriorReviews(priors.result(), matches);
    }

    /**
     * The read of the organisation's earlier decisions about a candidate, to run with a check's other reads in one
     * round trip ({@link Reads}) and attach with {@link #withPriorReviews(List, List)}.
     */
    Reads.Read<List<ReviewStore.Prior>> priorsRead(String org, String candidateKey) {
        return store.priorsRead(org, candidateKey);
    }

    /**
     * The matches with the decisions {@code priors} attached, as
     * {@link #withPriorReviews(Connection, String, String, List)} attaches those it reads.
     */
    List<MatchView> withPriorReviews(List<ReviewStore.Prior> priors, List<MatchView> matches) throws SQLException {
        if (matches.isEmpty() || priors.isEmpty()) {
            return matches;
        }
        Map<String, List<PriorReview>> byEntry = new HashMap<>();
        // a decision is flagged when its entry changed (or was removed) after it was made
        Map<String, Long> current = registry.entryVersions(
                priors.stream().map(ReviewStore.Prior::externalId).distinct().toList());
        for (ReviewStore.Prior prior : priors) {
            Long now = current.get(prior.externalId());
            boolean changed = now == null || !Objects.equals(prior.reviewedVersion(), now);
            PriorReview r = prior.review();
            byEntry.computeIfAbsent(prior.externalId(), k -> new ArrayList<>())
                    .add(new PriorReview(
                            r.reviewId(),
                            r.checkId(),
                            r.decision(),
                            r.reason(),
                            r.reviewedAt(),
                            r.reviewer(),
                            changed,
                            r.supersedes()));
        }
        if (byEntry.isEmpty()) {
            return matches;
        }
        return matches.stream()
                .map(m -> m.withPriorReviews(byEntry.getOrDefault(m.externalId(), List.of())))
                .toList();
    }

    /** One recorded review of a check: reviewers of the check's organisation, or auditors ({@code allOrganisations}). */
    public Optional<ReviewView> find(UUID checkId, UUID reviewId, Caller caller, boolean allOrganisations) {
        return store.find(checkId, reviewId, caller.org(), allOrganisations);
    }

    /**
     * Every decision of the check's organisation about the check's candidate and the check's matched entries, oldest
     * first, whichever check they were recorded on: the history a reviewer needs before deciding again. Empty when
     * the check is not visible to the caller.
     */
    public Optional<List<ReviewView>> history(UUID checkId, Caller caller, boolean allOrganisations) {
        return store.history(checkId, caller.org(), allOrganisations);
    }

    /** A position in the oldest-first queue: the last item's creation time and id. */
    public record QueueCursor(Instant createdAt, UUID checkId) {}

    /** A page of the queue, oldest first, with the cursor of the next page (null on the last). */
    public record QueuePage(List<ReviewQueueItem> items, QueueCursor next) {}

    /**
     * The organisation's checks with at least one MATCH / POSSIBLE_MATCH entry that has no current decision about
     * that candidate, oldest first. A decision recorded on any check of the same candidate counts, so a re-screen
     * of someone already decided does not ask again.
     */
    public QueuePage queue(Caller caller, QueueCursor after, int limit) {
        List<ReviewStore.Pending> rows = store.pending(
                caller.org(),
                after == null ? null : after.createdAt(),
                after == null ? null : after.checkId(),
                limit + 1);
        List<ReviewQueueItem> items = new ArrayList<>();
        QueueCursor next = null;
        QueueCursor last = null;
        for (ReviewStore.Pending row : rows) {
            if (items.size() == limit) {
                next = last;
                break;
            }
            CheckResponse check = row.response();
            List<ReviewQueueItem.PendingMatch> matches = check.matches().stream()
                    .filter(m -> row.pending().contains(m.externalId()))
                    .map(m -> new ReviewQueueItem.PendingMatch(m.externalId(), m.verdict(), m.probability()))
                    .toList();
            items.add(new ReviewQueueItem(
                    row.checkId(), row.createdAt(), check.verdict(), row.purpose(), check.registryVersion(), matches));
            last = new QueueCursor(row.createdAt(), row.checkId());
        }
        return new QueuePage(items, next);
    }
}
