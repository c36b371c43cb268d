package org.qorgau.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qorgau.audit.api.AuditEventView;
import org.qorgau.common.CanonicalJson;

/**
 * The reads of {@code audit_event} with its {@code audit_personal} row: selections as pages or streamed, and one
 * check's personal fields. Columns are read by name; the hash recomputes from the stored columns exactly as
 * {@link AuditLog#hash} computed it when the event was written.
 */
@ApplicationScoped
public class AuditEventStore {

    static final String COLUMNS = "e.sequence, e.event_id, e.occurred_at, e.type, e.actor_subject, e.actor_org,"
            + " e.actor_roles, e.purpose, e.query::text as query, e.outcome::text as outcome, e.registry_version,"
            + " e.check_id, e.prev_hash, e.hash, e.personal_commitment, p.fields::text as fields, p.salt,"
            + " p.redacted_at";
    static final String FROM = " from audit_event e left join audit_personal p on p.sequence = e.sequence";

    /** Receives the events of a streamed selection, one by one. */
    interface Sink {
        void accept(AuditEventView event) throws IOException;
    }

    /** A check's personal fields as canonical JSON text; {@code fields} null when redacted. */
    record PersonalRow(String fields, boolean redacted) {}

    private final AgroalDataSource dataSource;

    public AuditEventStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The personal fields of the check's CHECK_PERFORMED event; empty when it has none. */
    Optional<PersonalRow> personalOfCheck(UUID checkId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select p.fields::text as fields,"
                        + " p.redacted_at" + FROM
                        + " where e.check_id = ? and e.type = 'CHECK_PERFORMED' order by e.sequence limit 1")) {
            statement.setObject(1, checkId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String fields = rs.getString("fields");
                boolean redacted = fields == null || rs.getTimestamp("redacted_at") != null;
                return Optional.of(new PersonalRow(redacted ? null : fields, redacted));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("candidate read failed", e);
        }
    }

    /** Up to {@code limit} events of the selection, in sequence order. */
    List<AuditEventView> select(AuditFilter filter, int limit) {
        List<Object> parameters = AuditFilter.newParameters();
        String sql = "select " + COLUMNS + FROM + filter.where(parameters) + " order by e.sequence limit ?";
        parameters.add(limit);
        List<AuditEventView> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(view(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit read failed", e);
        }
        return events;
    }

    /**
     * Hands the whole selection to {@code sink} in sequence order. Rows come from a server-side cursor
     * ({@code fetchSize}), so memory stays bounded whatever the selection's size.
     */
    void stream(AuditFilter filter, int fetchSize, Sink sink) throws IOException {
        List<Object> parameters = AuditFilter.newParameters();
        String sql = "select " + COLUMNS + FROM + filter.where(parameters) + " order by e.sequence";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(fetchSize);
                bind(statement, parameters);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(view(rs));
                    }
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit export failed", e);
        }
    }

    /** The event of a row selected with {@link #COLUMNS}. */
    static AuditEventView view(ResultSet rs) throws SQLException {
        String roles = rs.getString("actor_roles");
        String fields = rs.getString("fields");
        String commitment = rs.getString("personal_commitment");
        boolean redacted = commitment != null && fields == null;
        return new AuditEventView(
                rs.getLong("sequence"),
                rs.getObject("event_id", UUID.class),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("type"),
                new AuditEventView.Actor(
                        rs.getString("actor_subject"),
                        rs.getString("actor_org"),
                        roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","))),
                rs.getString("purpose"),
                CanonicalJson.parse(rs.getString("query")),
                CanonicalJson.parse(rs.getString("outcome")),
                (Long) rs.getObject("registry_version"),
                rs.getObject("check_id", UUID.class),
                fields == null ? null : CanonicalJson.parse(fields),
                redacted,
                commitment,
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** The hash of a row selected with {@link #COLUMNS}, recomputed from its stored columns. */
    static String recompute(ResultSet rs) throws SQLException {
        return AuditHash.of(new AuditHash.Fields(
                rs.getLong("sequence"),
                rs.getObject("event_id", UUID.class),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("type"),
                rs.getString("actor_subject"),
                rs.getString("actor_org"),
                rs.getString("actor_roles"),
                rs.getString("purpose"),
                rs.getString("query"),
                rs.getString("outcome"),
                (Long) rs.getObject("registry_version"),
                rs.getObject("check_id", UUID.class),
                rs.getString("personal_commitment"),
                rs.getString("prev_hash")));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
