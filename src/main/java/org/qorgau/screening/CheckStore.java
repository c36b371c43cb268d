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
import org.qorgau.audit.AuditedWrite;
import org.qorgau.common.Purpose;
import org.qorgau.matching.Verdict;

/**
 * The one way to {@code screening_check}: a check's row to insert (written by the audit group commit together with
 * its event), and the reads of checks. Columns are read by name.
 */
@ApplicationScoped
public class CheckStore {

    private static final AuditedWrite.Insert INSERT = AuditedWrite.Insert.into(
            "screening_check",
            "check_id uuid",
            "created_at timestamptz",
            "org",
            "subject",
            "purpose",
            "position",
            "consent_reference",
            "candidate_key",
            "verdict",
            "registry_version bigint",
            "engine_version",
            "response jsonb",
            "idempotency_key",
            "request_hash",
            "audit_sequence bigint",
            "audit_hash");

    /** The columns read back, by name: those written. */
    private static final String COLUMNS = String.join(", ", INSERT.columns());

    /** Filters of {@link #list}: each null means "any". */
    record Filter(String org, String subject, String verdict, String purpose, Instant from, Instant to) {}

    /** A position in the newest-first order: the last item's creation time and id. */
    record Cursor(Instant createdAt, UUID checkId) {}

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public CheckStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The row of {@code check}; its audit sequence and hash are filled in by the group commit. */
    AuditedWrite.Row insert(StoredCheck check) {
        return AuditedWrite.Row.of(
                INSERT,
                check.checkId(),
                Timestamp.from(check.createdAt()),
                check.org(),
                check.subject(),
                check.purpose().name(),
                check.position(),
                check.consentReference(),
                check.candidateKey(),
                check.verdict().name(),
                check.registryVersion(),
                check.engineVersion(),
                write(check.answer()),
                check.idempotencyKey(),
                check.requestHash(),
                AuditedWrite.ChainValue.SEQUENCE,
                AuditedWrite.ChainValue.HASH);
    }

    /** One check by id; {@code org} null means any organisation's. */
    Optional<StoredCheck> find(Connection connection, UUID checkId, String org) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                + " from screening_check where check_id = ?" + (org == null ? "" : " and org = ?"))) {
            statement.setObject(1, checkId);
            if (org != null) {
                statement.setString(2, org);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The organisation's check sent with {@code idempotencyKey}, if any. */
    Optional<StoredCheck> byIdempotencyKey(String org, String idempotencyKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select " + COLUMNS + " from screening_check where org = ? and idempotency_key = ?")) {
            statement.setString(1, org);
            statement.setString(2, idempotencyKey);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotent replay failed", e);
        }
    }

    /** Up to {@code limit + 1} checks, newest first, after {@code after} (to tell whether a next page exists). */
    List<StoredCheck> list(Filter filter, Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from screening_check where true");
        List<Object> parameters = new ArrayList<>();
        add(sql, parameters, " and org = ?", filter.org());
        add(sql, parameters, " and subject = ?", filter.subject());
        add(sql, parameters, " and verdict = ?", filter.verdict());
        add(sql, parameters, " and purpose = ?", filter.purpose());
        add(sql, parameters, " and created_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
        add(sql, parameters, " and created_at < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
        if (after != null) {
            sql.append(" and (created_at, check_id) < (?, ?)");
            parameters.add(Timestamp.from(after.createdAt()));
            parameters.add(after.checkId());
        }
        sql.append(" order by created_at desc, check_id desc limit ?");
        parameters.add(limit + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<StoredCheck> result = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("check list failed", e);
        }
    }

    private static void add(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            parameters.add(value);
        }
    }

    private StoredCheck read(ResultSet rs) throws SQLException {
        return new StoredCheck(
                rs.getObject("check_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("org"),
                rs.getString("subject"),
                Purpose.valueOf(rs.getString("purpose")),
                rs.getString("position"),
                rs.getString("consent_reference"),
                rs.getString("candidate_key"),
                Verdict.valueOf(rs.getString("verdict")),
                rs.getLong("registry_version"),
                rs.getString("engine_version"),
                answer(rs.getString("response")),
                rs.getString("idempotency_key"),
                rs.getString("request_hash"),
                rs.getLong("audit_sequence"),
                rs.getString("audit_hash"));
    }

    private String write(StoredCheck.Answer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("check answer not encodable", e);
        }
    }

    private StoredCheck.Answer answer(String text) {
        try {
            return json.readValue(text, StoredCheck.Answer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored check answer unreadable", e);
        }
    }
}
