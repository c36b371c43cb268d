package org.qorgau.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
import org.qorgau.common.Validation;
import org.qorgau.error.ConflictException;
import org.qorgau.error.FieldError;
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

    /** The two decisions a reviewer can record. */
    public enum Decision {
        SAME_PERSON,
        NOT_SAME_PERSON
    }

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final ObjectMapper json;
    private final RegistryReader registry;

    public ReviewService(AgroalDataSource dataSource, AuditLog auditLog, ObjectMapper json, RegistryReader registry) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.json = json;
        this.registry = registry;
    }

    /** Records a decision about one match of a check of the reviewer's own organisation. */
    public ReviewView record(UUID checkId, ReviewRequest request, Caller caller) {
        Decision decision = validate(request);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                String candidateKey = null;
                String purpose = null;
                CheckResponse check = null;
                try (PreparedStatement statement = connection.prepareStatement(
                        "select candidate_key, purpose, response from screening_check where check_id = ? and org = ?")) {
                    statement.setObject(1, checkId);
                    statement.setString(2, caller.org());
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next()) {
                            candidateKey = rs.getString("candidate_key");
                            purpose = rs.getString("purpose");
                            check = json.readValue(rs.getString("response"), CheckResponse.class);
                        }
                    }
                }
                if (check == null) {
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
                boolean matched =
                        check.matches().stream().anyMatch(m -> m.externalId().equals(request.externalId()));
                if (!matched) {
                    throw new ValidationException("externalId", "externalId is not one of this check's matches");
                }
                Long entryVersion =
                        registry.entryVersions(List.of(request.externalId())).get(request.externalId());
                Current current = currentDecision(connection, caller.org(), candidateKey, request.externalId());
                UUID supersedes = null;
                if (current != null) {
                    UUID named = request.supersedes() == null ? null : UUID.fromString(request.supersedes());
                    if (named != null && !named.equals(current.reviewId())) {
                        throw new ConflictException("supersedes names " + named + ", but the current decision about"
                                + " this candidate and entry is " + current.reviewId() + "; reload and decide again.");
                    }
                    if (!current.decision().equals(decision.name()) && named == null) {
                        // a contradiction must be deliberate: the reviewer names the decision they overturn
                        throw new ConflictException("The current decision about this candidate and entry is "
                                + current.decision() + " (review " + current.reviewId() + "). To record "
                                + decision.name() + " instead, name it in supersedes and give the reason.");
                    }
                    supersedes = current.reviewId();
                    try (PreparedStatement update = connection.prepareStatement(
                            "update check_review set is_current = false where review_id = ?")) {
                        update.setObject(1, current.reviewId());
                        update.executeUpdate();
                    }
                } else if (request.supersedes() != null) {
                    throw new ConflictException(
                            "There is no current decision about this candidate and entry to supersede.");
                }
                UUID reviewId = UUID.randomUUID();
                Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
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
                try (PreparedStatement insert = connection.prepareStatement("insert into check_review (review_id,"
                        + " check_id, org, subject, candidate_key, external_id, decision, reason, entry_version,"
                        + " created_at, audit_sequence, supersedes, is_current, audit_hash)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)")) {
                    insert.setObject(1, reviewId);
                    insert.setObject(2, checkId);
                    insert.setString(3, caller.org());
                    insert.setString(4, caller.subject());
                    insert.setString(5, candidateKey);
                    insert.setString(6, request.externalId());
                    insert.setString(7, decision.name());
                    insert.setString(8, request.reason().strip());
                    insert.setObject(9, entryVersion);
                    insert.setTimestamp(10, Timestamp.from(createdAt));
                    insert.setLong(11, audit.sequence());
                    insert.setObject(12, supersedes);
                    insert.setString(13, audit.hash());
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        // another reviewer's decision became current between our read and our insert
                        throw new ConflictException(
                                "Another decision about this candidate and entry was recorded just now; reload.");
                    }
                    throw e;
                }
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
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
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
        Map<String, List<PriorReview>> byEntry = new HashMap<>();
        record Prior(String externalId, Long reviewedVersion, PriorReview review) {}
        List<Prior> priors = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select review_id, check_id, decision,"
                + " reason, created_at, subject, external_id, entry_version, supersedes"
                + " from check_review where org = ? and candidate_key = ? order by created_at, review_id")) {
            statement.setString(1, org);
            statement.setString(2, candidateKey);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    priors.add(new Prior(
                            rs.getString("external_id"),
                            (Long) rs.getObject("entry_version"),
                            new PriorReview(
                                    rs.getObject("review_id", UUID.class),
                                    rs.getObject("check_id", UUID.class),
                                    rs.getString("decision"),
                                    rs.getString("reason"),
                                    rs.getTimestamp("created_at").toInstant(),
                                    rs.getString("subject"),
                                    false,
                                    rs.getObject("supersedes", UUID.class))));
                }
            }
        }
        if (priors.isEmpty()) {
            return matches;
        }
        // a decision is flagged when its entry changed (or was removed) after it was made
        Map<String, Long> current = registry.entryVersions(
                priors.stream().map(Prior::externalId).distinct().toList());
        for (Prior prior : priors) {
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

    private record Current(UUID reviewId, String decision) {}

    /** The current decision about one candidate and entry, locked until the transaction ends; null when none. */
    private static Current currentDecision(Connection connection, String org, String candidateKey, String externalId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select review_id, decision from check_review"
                + " where org = ? and candidate_key = ? and external_id = ? and is_current for update")) {
            statement.setString(1, org);
            statement.setString(2, candidateKey);
            statement.setString(3, externalId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new Current(rs.getObject("review_id", UUID.class), rs.getString("decision")) : null;
            }
        }
    }

    private static final String REVIEW_COLUMNS = "select r.review_id, r.check_id, r.external_id, r.decision,"
            + " r.reason, r.subject, r.created_at, r.supersedes, r.is_current, r.audit_sequence, r.audit_hash"
            + " from check_review r";

    private static ReviewView review(ResultSet rs) throws SQLException {
        return new ReviewView(
                rs.getObject("review_id", UUID.class),
                rs.getObject("check_id", UUID.class),
                rs.getString("external_id"),
                rs.getString("decision"),
                rs.getString("reason"),
                rs.getString("subject"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("supersedes", UUID.class),
                rs.getBoolean("is_current"),
                new AuditRef(rs.getLong("audit_sequence"), rs.getString("audit_hash")));
    }

    /** One recorded review of a check: reviewers of the check's organisation, or auditors ({@code allOrganisations}). */
    public Optional<ReviewView> find(UUID checkId, UUID reviewId, Caller caller, boolean allOrganisations) {
        String sql = REVIEW_COLUMNS + " where r.check_id = ? and r.review_id = ?"
                + (allOrganisations ? "" : " and r.org = ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, checkId);
            statement.setObject(2, reviewId);
            if (!allOrganisations) {
                statement.setString(3, caller.org());
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(review(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("review read failed", e);
        }
    }

    /**
     * Every decision of the check's organisation about the check's candidate and the check's matched entries, oldest
     * first, whichever check they were recorded on: the history a reviewer needs before deciding again. Empty when
     * the check is not visible to the caller.
     */
    public Optional<List<ReviewView>> history(UUID checkId, Caller caller, boolean allOrganisations) {
        String sql = REVIEW_COLUMNS + " join screening_check c on c.org = r.org and c.candidate_key = r.candidate_key"
                + " where c.check_id = ?" + (allOrganisations ? "" : " and c.org = ?")
                + " and r.external_id in (select m ->> 'externalId' from jsonb_array_elements(c.response -> 'matches') m)"
                + " order by r.created_at, r.review_id";
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from screening_check where"
                    + " check_id = ?" + (allOrganisations ? "" : " and org = ?"))) {
                exists.setObject(1, checkId);
                if (!allOrganisations) {
                    exists.setString(2, caller.org());
                }
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, checkId);
                if (!allOrganisations) {
                    statement.setString(2, caller.org());
                }
                List<ReviewView> result = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        result.add(review(rs));
                    }
                }
                return Optional.of(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("review history read failed", e);
        }
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
        StringBuilder sql = new StringBuilder(
                "select c.check_id, c.created_at, c.purpose, c.response::text as response,"
                        + " p.pending from screening_check c cross join lateral (select array_agg(m ->> 'externalId') pending"
                        + " from jsonb_array_elements(c.response -> 'matches') m where not exists (select 1 from check_review r"
                        + " where r.org = c.org and r.candidate_key = c.candidate_key and r.external_id = m ->> 'externalId'"
                        + " and r.is_current)) p where c.org = ? and c.verdict <> 'NO_MATCH' and p.pending is not null");
        if (after != null) {
            sql.append(" and (c.created_at, c.check_id) > (?, ?)");
        }
        sql.append(" order by c.created_at, c.check_id limit ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int i = 1;
            statement.setString(i++, caller.org());
            if (after != null) {
                statement.setTimestamp(i++, Timestamp.from(after.createdAt()));
                statement.setObject(i++, after.checkId());
            }
            statement.setInt(i, limit + 1);
            List<ReviewQueueItem> items = new ArrayList<>();
            QueueCursor next = null;
            QueueCursor last = null;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == limit) {
                        next = last;
                        break;
                    }
                    UUID checkId = rs.getObject("check_id", UUID.class);
                    Instant createdAt = rs.getTimestamp("created_at").toInstant();
                    CheckResponse check = json.readValue(rs.getString("response"), CheckResponse.class);
                    List<String> pending =
                            List.of((String[]) rs.getArray("pending").getArray());
                    List<ReviewQueueItem.PendingMatch> matches = check.matches().stream()
                            .filter(m -> pending.contains(m.externalId()))
                            .map(m -> new ReviewQueueItem.PendingMatch(m.externalId(), m.verdict(), m.probability()))
                            .toList();
                    items.add(new ReviewQueueItem(
                            checkId,
                            createdAt,
                            check.verdict(),
                            rs.getString("purpose"),
                            check.registryVersion(),
                            matches));
                    last = new QueueCursor(createdAt, checkId);
                }
            }
            return new QueuePage(items, next);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("review queue read failed", e);
        }
    }

    private static Decision validate(ReviewRequest request) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.externalId() == null || request.externalId().isBlank()) {
            errors.add(FieldError.of("externalId", "externalId is required"));
        }
        Decision decision = null;
        if (request.decision() == null) {
            errors.add(FieldError.of("decision", "decision is required"));
        } else {
            try {
                decision = Decision.valueOf(request.decision());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("decision", "decision must be SAME_PERSON or NOT_SAME_PERSON"));
            }
        }
        if (request.reason() == null || request.reason().isBlank()) {
            errors.add(FieldError.of("reason", "reason is required"));
        } else {
            String problem = Validation.optionalText(request.reason(), 2000);
            if (problem != null) {
                errors.add(FieldError.of("reason", "reason " + problem));
            }
        }
        if (request.supersedes() != null) {
            try {
                UUID.fromString(request.supersedes());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("supersedes", "supersedes must be a reviewId"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("The review is invalid; nothing was recorded.", errors);
        }
        return decision;
    }
}
