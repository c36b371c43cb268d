package org.qorgau.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoundTripTest {

    @Inject
    AgroalDataSource dataSource;

    /** A select of the integers from {@code from} to {@code to} that are in {@code among}, ascending. */
    private static RoundTrip.Read<List<Integer>> between(int from, int to, Integer... among) {
        return new RoundTrip.Read<>() {
            @Override
            public String sql() {
                return "select n from generate_series(?::int, ?::int) n where n = any(?) order by n";
            }

            @Override
            public int bind(PreparedStatement statement, int first) throws SQLException {
                statement.setInt(first, from);
                statement.setInt(first + 1, to);
                statement.setArray(first + 2, statement.getConnection().createArrayOf("integer", among));
                return first + 3;
            }

            @Override
            public List<Integer> rows(ResultSet rows) throws SQLException {
                List<Integer> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(rows.getInt(1));
                }
                return out;
            }
        };
    }

    private static RoundTrip.Read<Long> transactionId() {
        return new RoundTrip.Read<>() {
            @Override
            public String sql() {
                return "select txid_current()";
            }

            @Override
            public int bind(PreparedStatement statement, int first) {
                return first;
            }

            @Override
            public Long rows(ResultSet rows) throws SQLException {
                rows.next();
                return rows.getLong(1);
            }
        };
    }

    @Test
    void eachReadGetsItsOwnParametersAndRowsAsIfItRanAlone() throws SQLException {
        var low = between(1, 10, 2, 3, 42);
        var none = between(5, 9, 1, 2);
        var high = between(100, 200, 150, 99, 200);
        var counted = between(1, 3, 1, 2, 3).map(List::size);
        try (Connection connection = dataSource.getConnection()) {
            RoundTrip.Results results = RoundTrip.read(connection, List.of(low, none, high, counted));
            assertEquals(List.of(2, 3), results.of(low));
            assertEquals(List.of(), results.of(none));
            assertEquals(List.of(150, 200), results.of(high));
            assertEquals(3, results.of(counted));
            for (var read : List.of(low, none, high)) {
                assertEquals(results.of(read), RoundTrip.read(connection, read));
            }
            assertEquals(3, RoundTrip.read(connection, counted));
        }
    }

    @Test
    void theReadsGoTogetherInOneImplicitTransaction() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            var first = transactionId();
            var second = transactionId();
            RoundTrip.Results together = RoundTrip.read(connection, List.of(first, second));
            // one sync for all the statements: the server runs them in one transaction
            assertEquals(together.of(first), together.of(second));
            // sent one by one, each is a transaction of its own
            assertNotEquals(RoundTrip.read(connection, first), RoundTrip.read(connection, second));
        }
    }

    @Test
    void aResultIsAskedOnlyOfTheRoundTripsOwnReads() throws SQLException {
        var asked = between(1, 2, 1);
        try (Connection connection = dataSource.getConnection()) {
            RoundTrip.Results results = RoundTrip.read(connection, List.of(asked));
            assertThrows(IllegalArgumentException.class, () -> results.of(between(1, 2, 1)));
            RoundTrip.Results nothing = RoundTrip.read(connection, List.of());
            assertThrows(IllegalArgumentException.class, () -> nothing.of(asked));
        }
    }
}
