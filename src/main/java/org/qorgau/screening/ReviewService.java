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
import java.util.UUID;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditRecord;
import org.qorgau.error.FieldError;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.registry.Validation;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.screening.api.CheckResponse.AuditRef;
import org.qorgau.screening.api.CheckResponse.MatchView;
import org.qorgau.screening.api.CheckResponse.PriorReview;
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

    public ReviewService(AgroalDataSource dataSource, AuditLog auditLog, ObjectMapper json) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.json = json;
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
                            candidateKey = rs.getString(1);
                            purpose = rs.getString(2);
                            check = json.readValue(rs.getString(3), CheckResponse.class);
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
                Long entryVersion = null;
                try (PreparedStatement statement = connection.prepareStatement(
                        "select updated_version from registry_entry where external_id = ?")) {
                    statement.setString(1, request.externalId());
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next()) {
                            entryVersion = rs.getLong(1);
                        }
                    }
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
                        + " created_at, audit_sequence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                    insert.executeUpdate();
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
        try (PreparedStatement statement = connection.prepareStatement("select r.review_id, r.check_id, r.decision,"
                + " r.reason, r.created_at, r.subject, r.external_id, r.entry_version, e.updated_version"
                + " from check_review r left join registry_entry e on e.external_id = r.external_id"
                + " where r.org = ? and r.candidate_key = ? order by r.created_at, r.review_id")) {
            statement.setString(1, org);
            statement.setString(2, candidateKey);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Long reviewedVersion = (Long) rs.getObject(8);
                    Long currentVersion = (Long) rs.getObject(9);
                    boolean changed = currentVersion == null || !Objects.equals(reviewedVersion, currentVersion);
                    byEntry.computeIfAbsent(rs.getString(7), k -> new ArrayList<>())
                            .add(new PriorReview(
                                    rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getTimestamp(5).toInstant(),
                                    rs.getString(6),
                                    changed));
                }
            }
        }
        if (byEntry.isEmpty()) {
            return matches;
        }
        return matches.stream()
                .map(m -> m.withPriorReviews(byEntry.getOrDefault(m.externalId(), List.of())))
                .toList();
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
        if (!errors.isEmpty()) {
            throw new ValidationException("The review is invalid; nothing was recorded.", errors);
        }
        return decision;
    }
}
