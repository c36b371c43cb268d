package org.qorgau.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several SELECTs in one composite statement: each gets its own parameters and its own rows, in one transaction. */
@QuarkusTest
class ReadsTest {

    @Inject
    AgroalDataSource dataSource;

    /** A SELECT of one text column. */
    private static Reads.Read<List<String>> read(String sql, Object... parameters) {
        return Reads.read(
                sql,
                rows -> {
                    List<String> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(rows.getString(1));
                    }
                    return out;
                },
                parameters);
    }

    @Test
    void shouldGiveEachReadItsOwnParametersAndRows() throws SQLException {
        Reads.Read<List<String>> filtered =
                read("select x from unnest(?) x where x > ? order by x", List.of("b", "a", "d", "c"), "b");
        Reads.Read<List<String>> none = read("select 'never' where false");
        Reads.Read<List<String>> joined = read("select ?::text || '-' || ?::text", "left", "right");
        try (Connection connection = dataSource.getConnection()) {
            Reads.run(connection, filtered, none, joined);
        }
        assertEquals(List.of("c", "d"), filtered.result());
        assertEquals(List.of(), none.result());
        assertEquals(List.of("left-right"), joined.result());
    }

    @Test
    void shouldRunTheReadsInOneTransaction() throws SQLException {
        Reads.Read<List<String>> first = read("select pg_current_xact_id()::text");
        Reads.Read<List<String>> second = read("select pg_current_xact_id()::text");
        Reads.Read<List<String>> alone = read("select pg_current_xact_id()::text");
        try (Connection connection = dataSource.getConnection()) {
            Reads.run(connection, first, second);
            Reads.run(connection, alone);
        }
        assertEquals(first.result(), second.result(), "one transaction: one transaction id");
        assertEquals(1, alone.result().size());
        assertNotEquals(first.result(), alone.result(), "a later run is a transaction of its own");
    }

    @Test
    void shouldTurnTheResultWithMap() throws SQLException {
        Reads.Read<Integer> count =
                read("select x from generate_series(1, ?) x", 7).map(List::size);
        try (Connection connection = dataSource.getConnection()) {
            Reads.run(connection, count);
        }
        assertEquals(7, count.result());
    }

    @Test
    void shouldFailWholeWhenOneReadFailsAndGiveNoResultBeforeItRan() throws SQLException {
        Reads.Read<List<String>> fine = read("select 'fine'");
        Reads.Read<List<String>> broken = read("select (1 / (? - 1))::text", 1);
        assertThrows(IllegalStateException.class, fine::result);
        try (Connection connection = dataSource.getConnection()) {
            SQLException e = assertThrows(SQLException.class, () -> Reads.run(connection, fine, broken));
            assertEquals("22012", e.getSQLState());
            // the connection is usable afterwards, in auto-commit mode as it was
            Reads.Read<List<String>> after = read("select 'after'");
            Reads.run(connection, after);
            assertEquals(List.of("after"), after.result());
            assertTrue(connection.getAutoCommit());
        }
        assertThrows(IllegalStateException.class, fine::result, "no read of a failed run has a result");
        assertThrows(IllegalStateException.class, broken::result);
    }
}
