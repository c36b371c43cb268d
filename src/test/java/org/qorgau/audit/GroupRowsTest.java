package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;

/** The group commit's rows: one INSERT per table from text arrays, and the statements sent with them. */
@QuarkusTest
class GroupRowsTest {

    private static final AuditedWrite.Insert KINDS = AuditedWrite.Insert.into(
            "group_rows_kinds",
            "id uuid",
            "at timestamptz",
            "n bigint",
            "day date",
            "doc jsonb",
            "flag boolean",
            "label",
            "short_label",
            "chain_sequence bigint",
            "chain_hash");

    private static final AuditedWrite.Insert ANOTHER =
            AuditedWrite.Insert.into("group_rows_other", "id uuid").onConflictDoNothing();

    private static final AuditRecord RECORD = new AuditRecord(41, "h".repeat(64), UUID.randomUUID(), Instant.EPOCH);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldStoreEveryKindOfValueAsItWasGivenWhateverTheTextLooksLikeInAnArray() throws SQLException {
        List<String> labels = List.of(
                "plain", "", "NULL", "null", "{a,b}", "\"quoted\"", "back\\slash", "com,ma", " spaced ", "Ақжан Ё");
        Timestamp micros = Timestamp.from(Instant.parse("2026-12-02T07:33:31.123456Z"));
        try (Connection connection = connection()) {
            GroupRows rows = new GroupRows();
            List<UUID> ids = new ArrayList<>();
            for (String label : labels) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                rows.add(
                        AuditedWrite.Row.of(
                                KINDS,
                                id,
                                micros,
                                -9_007_199_254_740_993L,
                                LocalDate.of(1987, 2, 28),
                                "{\"b\":[1,2],\"a\":\"x\"}",
                                Boolean.TRUE,
                                label,
                                "abc",
                                AuditedWrite.ChainValue.SEQUENCE,
                                AuditedWrite.ChainValue.HASH),
                        RECORD);
            }
            UUID empty = UUID.randomUUID();
            rows.add(
                    AuditedWrite.Row.of(KINDS, empty, Instant.EPOCH, 0, null, null, false, null, null, null, null),
                    RECORD);
            rows.execute(connection, null, null);

            for (int i = 0; i < labels.size(); i++) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery(
                                "select * from group_rows_kinds where id = '" + ids.get(i) + "'")) {
                    assertTrue(rs.next());
                    assertEquals(
                            micros.toInstant(),
                            rs.getObject("at", OffsetDateTime.class).toInstant());
                    assertEquals(-9_007_199_254_740_993L, rs.getLong("n"));
                    assertEquals(LocalDate.of(1987, 2, 28), rs.getObject("day", LocalDate.class));
                    assertEquals("{\"a\": \"x\", \"b\": [1, 2]}", rs.getString("doc"));
                    assertTrue(rs.getBoolean("flag"));
                    assertEquals(labels.get(i), rs.getString("label"));
                    assertEquals(41, rs.getLong("chain_sequence"));
                    assertEquals("h".repeat(64), rs.getString("chain_hash"));
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs =
                            statement.executeQuery("select * from group_rows_kinds where id = '" + empty + "'")) {
                assertTrue(rs.next());
                assertEquals(
                        Instant.EPOCH, rs.getObject("at", OffsetDateTime.class).toInstant());
                assertNull(rs.getObject("day"));
                assertNull(rs.getObject("doc"));
                assertFalse(rs.getBoolean("flag"));
                assertNull(rs.getString("label"));
                assertNull(rs.getObject("chain_sequence"));
            }
        }
    }

    @Test
    void shouldRefuseAValueTooLongForItsColumnRatherThanCutIt() throws SQLException {
        try (Connection connection = connection()) {
            GroupRows rows = new GroupRows();
            rows.add(
                    AuditedWrite.Row.of(
                            KINDS, UUID.randomUUID(), Instant.EPOCH, 1L, null, null, null, "x", "abcdef", null, null),
                    RECORD);
            SQLException e = assertThrows(SQLException.class, () -> rows.execute(connection, null, null));
            assertEquals("22001", e.getSQLState()); // string_data_right_truncation
            assertEquals(0, count(connection, "group_rows_kinds"));
        }
    }

    @Test
    void shouldCommitNothingSentInTheRoundTripWhenALaterStatementFails() throws SQLException {
        UUID duplicate = UUID.randomUUID();
        try (Connection connection = connection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create unique index on group_rows_kinds (n)");
            }
            GroupRows rows = new GroupRows();
            rows.add(AuditedWrite.Row.of(ANOTHER, duplicate), RECORD);
            rows.add(AuditedWrite.Row.of(ANOTHER, duplicate), RECORD); // skipped: on conflict do nothing
            rows.add(
                    AuditedWrite.Row.of(
                            KINDS, UUID.randomUUID(), Instant.EPOCH, 7L, null, null, null, null, null, null, null),
                    RECORD);
            rows.add(
                    AuditedWrite.Row.of(
                            KINDS, UUID.randomUUID(), Instant.EPOCH, 7L, null, null, null, null, null, null, null),
                    RECORD);
            GroupRows.Statement before =
                    new GroupRows.Statement("insert into group_rows_other (id) values (?)", List.of(UUID.randomUUID()));

            SQLException e = assertThrows(SQLException.class, () -> rows.execute(connection, before, null));

            assertEquals("23505", e.getSQLState());
            assertEquals(0, count(connection, "group_rows_other"));
            assertEquals(0, count(connection, "group_rows_kinds"));

            GroupRows fine = new GroupRows();
            fine.add(AuditedWrite.Row.of(ANOTHER, duplicate), RECORD);
            fine.add(AuditedWrite.Row.of(ANOTHER, duplicate), RECORD);
            fine.execute(connection, before, null);
            assertEquals(2, count(connection, "group_rows_other"));
        }
    }

    @Test
    void shouldNotMoveTheHeadOrWriteTheGroupWhenTheHeadIsNoLongerWhereTheWriterLeftIt() throws SQLException {
        long events = Db.count(dataSource, "select count(*) from audit_event");
        String headHash = Db.text(dataSource, "select hash from audit_head where id = 1");
        long headSequence = Db.count(dataSource, "select sequence from audit_head where id = 1");
        AuditLog.ChainHead stale = new AuditLog.ChainHead(headSequence - 1, headHash);
        AuditRecord next = new AuditRecord(headSequence + 1, "e".repeat(64), UUID.randomUUID(), Instant.EPOCH);
        try (Connection connection = connection()) {
            GroupRows rows = new GroupRows();
            rows.add(AuditedWrite.Row.of(ANOTHER, UUID.randomUUID()), next);

            SQLException e = assertThrows(
                    SQLException.class, () -> rows.execute(connection, AuditLog.advanceHead(stale, next), null));

            assertTrue(AuditLog.headMoved(e), e.getSQLState());
            assertEquals(0, count(connection, "group_rows_other"));
        }
        assertEquals(headSequence, Db.count(dataSource, "select sequence from audit_head where id = 1"));
        assertEquals(events, Db.count(dataSource, "select count(*) from audit_event"));
    }

    /** A connection in auto-commit mode with the test's tables, as temporary tables of its own. */
    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists group_rows_kinds, group_rows_other");
            statement.execute("create temporary table group_rows_kinds (id uuid primary key, at timestamptz not null,"
                    + " n bigint, day date, doc jsonb, flag boolean, label text, short_label varchar(5),"
                    + " chain_sequence bigint, chain_hash varchar(64))");
            statement.execute("create temporary table group_rows_other (id uuid primary key)");
        }
        return connection;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
