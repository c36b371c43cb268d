package org.qorgau.support;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.qorgau.audit.AuditHash;

/** Direct database access for tests that play the part of someone with database access. */
public final class Db {

    private Db() {}

    public static long count(AgroalDataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(AgroalDataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements as the database owner with the append-only triggers switched off, as an attacker would. */
    public static void tamper(AgroalDataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("alter table audit_event disable trigger audit_event_no_update");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
            try (var statement = connection.createStatement()) {
                statement.execute("alter table audit_event enable trigger audit_event_no_update");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Recomputes prevHash and hash of every event from {@code fromSequence} to the end and moves the head: what an
     * attacker with database access does to make a rewritten log internally consistent (and what a test does to put
     * the original back, since hashes are deterministic).
     */
    public static void rechain(AgroalDataSource dataSource, long fromSequence) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("lock table audit_head in exclusive mode");
                statement.execute("alter table audit_event disable trigger audit_event_no_update");
            }
            String previous = null;
            long last = fromSequence - 1;
            try (PreparedStatement select = connection.prepareStatement("select sequence, event_id, occurred_at,"
                            + " type, actor_subject, actor_org, actor_roles, purpose, query::text, outcome::text,"
                            + " registry_version, check_id, personal_commitment, prev_hash from audit_event"
                            + " where sequence >= ? order by sequence");
                    PreparedStatement update = connection.prepareStatement(
                            "update audit_event set prev_hash = ?, hash = ? where sequence = ?")) {
                select.setLong(1, fromSequence);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String prev = previous == null ? rs.getString(14) : previous;
                        String hash = AuditHash.of(new AuditHash.Fields(
                                rs.getLong(1),
                                rs.getObject(2, UUID.class),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                rs.getString(10),
                                (Long) rs.getObject(11),
                                rs.getObject(12, UUID.class),
                                rs.getString(13),
                                prev));
                        update.setString(1, prev);
                        update.setString(2, hash);
                        update.setLong(3, rs.getLong(1));
                        update.executeUpdate();
                        previous = hash;
                        last = rs.getLong(1);
                    }
                }
            }
            if (previous != null) {
                try (PreparedStatement head =
                        connection.prepareStatement("update audit_head set sequence = ?, hash = ? where id = 1")) {
                    head.setLong(1, last);
                    head.setString(2, previous);
                    head.executeUpdate();
                }
            }
            try (var statement = connection.createStatement()) {
                statement.execute("alter table audit_event enable trigger audit_event_no_update");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
