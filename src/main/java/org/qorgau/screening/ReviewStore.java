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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qorgau.common.Purpose;
import org.qorgau.common.Reads;
import org.qorgau.error.ConflictException;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.screening.api.CheckResponse.AuditRef;
import org.qorgau.screening.api.CheckResponse.PriorReview;
import org.qorgau.screening.api.ReviewView;

/**
 * The one way to {@code check_review}, and to the reviewed checks' rows as reviews need them. Writes take the
 * caller's connection, so a decision, the retirement of the one it supersedes and its audit event commit together.
 * Columns are read by name.
 */
@ApplicationScoped
public class ReviewStore {

    private static final String REVIEW_COLUMNS = "select r.review_id, r.check_id, r.external_id, r.decision,"
            + " r.reason, r.subject, r.created_at, r.supersedes, r.is_current, r.audit_sequence, r.audit_hash"
            + " from check_review r";

    /** The reviewed check as a decision needs it. */
    record ReviewedCheck(String candidateKey, Purpose purpose, CheckResponse response) {}

    /** The current decision about one candidate and entry. */
    record Current(UUID reviewId, Decision decision) {}

    /** An earlier decision of the organisation about one candidate, with the entry version it was made on. */
    record Prior(String externalId, Long reviewedVersion, PriorReview review) {}

    /** A decision to insert as the current one. */
    record NewReview(
            UUID reviewId,
            UUID checkId,
            String org,
            String subject,
            String candidateKey,
            String externalId,
            String decision,
            String reason,
            Long entryVersion,
            Instant createdAt,
            long auditSequence,
            UUID supersedes,
            String auditHash) {}

    /** A check with entries still awaiting a decision. */
    record Pending(UUID checkId, Instant createdAt, String purpose, CheckResponse response, List<String> pending) {}

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ReviewStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The organisation's check {@code checkId}; empty when it has none of that id. */
    Optional<ReviewedCheck> check(Connection connection, UUID checkId, String org) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select candidate_key, purpose, response from screening_check where check_id = ? and org = ?")) {
            statement.setObject(1, checkId);
            statement.setString(2, org);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReviewedCheck(
                        rs.getString("candidate_key"),
                        Purpose.valueOf(rs.getString("purpose")),
                        json.readValue(rs.getString("response"), CheckResponse.class)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored check unreadable", e);
        }
    }

    /** The current decision about one candidate and entry, locked until the transaction ends; null when none. */
    Current currentDecision(Connection connection, String org, String candidateKey, String externalId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select review_id, decision from check_review"
                + " where org = ? and candidate_key = ? and external_id = ? and is_current for update")) {
            statement.setString(1, org);
            statement.setString(2, candidateKey);
            statement.setString(3, externalId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next()
                        ? new Current(rs.getObject("review_id", UUID.class), Decision.valueOf(rs.getString("decision")))
                        : null;
            }
        }
    }

    /** Marks a decision as no longer current (it is being superseded). */
    void retire(Connection connection, UUID reviewId) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update check_review set is_current = false where review_id = ?")) {
            update.setObject(1, reviewId);
            update.executeUpdate();
        }
    }

    /** Inserts the current decision; 409 when another became current between the caller's read and this insert. */
    void insert(Connection connection, NewReview review) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into check_review (review_id,"
                + " check_id, org, subject, candidate_key, external_id, decision, reason, entry_version,"
                + " created_at, audit_sequence, supersedes, is_current, audit_hash)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)")) {
            insert.setObject(1, review.reviewId());
            insert.setObject(2, review.checkId());
            insert.setString(3, review.org());
            insert.setString(4, review.subject());
            insert.setString(5, review.candidateKey());
            insert.setString(6, review.externalId());
            insert.setString(7, review.decision());
            insert.setString(8, review.reason());
            insert.setObject(9, review.entryVersion());
            insert.setTimestamp(10, Timestamp.from(review.createdAt()));
            insert.setLong(11, review.auditSequence());
            insert.setObject(12, review.supersedes());
            insert.setString(13, review.auditHash());
            insert.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // another reviewer's decision became current between our read and our insert
                throw new ConflictException(
                        "Another decision about this candidate and entry was recorded just now; reload.");
            }
            throw e;
        }
    }

    /** The organisation's decisions about one candidate, oldest first: a read to run with others ({@link Reads}). */
    Reads.Read<List<Prior>> priorsRead(String org, String candidateKey) {
        return Reads.read(
                "select review_id, check_id, decision, reason, created_at, subject, external_id, entry_version,"
                        + " supersedes from check_review where org = ? and candidate_key = ?"
                        + " order by created_at, review_id",
                rs -> {
                    List<Prior> priors = new ArrayList<>();
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
                    return priors;
                },
                org,
                candidateKey);
    }

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
    Optional<ReviewView> find(UUID checkId, UUID reviewId, String org, boolean allOrganisations) {
        String sql = REVIEW_COLUMNS + " where r.check_id = ? and r.review_id = ?"
                + (allOrganisations ? "" : " and r.org = ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, checkId);
            statement.setObject(2, reviewId);
            if (!allOrganisations) {
                statement.setString(3, org);
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
    Optional<List<ReviewView>> history(UUID checkId, String org, boolean allOrganisations) {
        String sql = REVIEW_COLUMNS + " join screening_check c on c.org = r.org and c.candidate_key = r.candidate_key"
                + " where c.check_id = ?" + (allOrganisations ? "" : " and c.org = ?")
                + " and r.external_id in (select m ->> 'externalId' from jsonb_array_elements(c.response -> 'matches') m)"
                + " order by r.created_at, r.review_id";
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from screening_check where"
                    + " check_id = ?" + (allOrganisations ? "" : " and org = ?"))) {
                exists.setObject(1, checkId);
                if (!allOrganisations) {
                    exists.setString(2, org);
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
                    statement.setString(2, org);
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

    /**
     * Up to {@code limit} of the organisation's checks with at least one MATCH / POSSIBLE_MATCH entry that has no
     * current decision about that candidate, oldest first, after ({@code afterCreatedAt}, {@code afterCheckId}).
     */
    List<Pending> pending(String org, Instant afterCreatedAt, UUID afterCheckId, int limit) {
        StringBuilder sql = new StringBuilder(
                "select c.check_id, c.created_at, c.purpose, c.response::text as response,"
                        + " p.pending from screening_check c cross join lateral (select array_agg(m ->> 'externalId') pending"
                        + " from jsonb_array_elements(c.response -> 'matches') m where not exists (select 1 from check_review r"
                        + " where r.org = c.org and r.candidate_key = c.candidate_key and r.external_id = m ->> 'externalId'"
                        + " and r.is_current)) p where c.org = ? and c.verdict <> 'NO_MATCH' and p.pending is not null");
        if (afterCreatedAt != null) {
            sql.append(" and (c.created_at, c.check_id) > (?, ?)");
        }
        sql.append(" order by c.created_at, c.check_id limit ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int i = 1;
            statement.setString(i++, org);
            if (afterCreatedAt != null) {
                statement.setTimestamp(i++, Timestamp.from(afterCreatedAt));
                statement.setObject(i++, afterCheckId);
            }
            statement.setInt(i, limit);
            List<Pending> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(
                            rs.getObject("check_id", UUID.class),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getString("purpose"),
                            json.readValue(rs.getString("response"), CheckResponse.class),
                            List.of((String[]) rs.getArray("pending").getArray())));
                }
            }
            return rows;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("review queue read failed", e);
        }
    }
}
