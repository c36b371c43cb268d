package org.qorgau.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Independent selects sent to PostgreSQL in one round trip. Their statements are joined into one, which the driver
 * sends as one message per statement with their parameters and a single sync; the result sets come back in order.
 * Each select still belongs to the store that owns its table ({@link Read}); this only sends them together.
 *
 * <p>For a request that needs a few small reads from different stores before it can answer: there, each round trip,
 * with the database backend's wake-up and the network calls on both sides, costs more than the read itself.
 */
public final class RoundTrip {

    private RoundTrip() {}

    /**
     * One select of a round trip.
     *
     * @param <T> what its rows are read into
     */
    public interface Read<T> {

        /** One statement with {@code ?} parameters and no semicolon. */
        String sql();

        /** Sets this read's parameters from index {@code first} on; returns the index after its last. */
        int bind(PreparedStatement statement, int first) throws SQLException;

        /** Reads every row of this read's result. */
        T rows(ResultSet rows) throws SQLException;

        /** The same select, its rows read as this read reads them and then turned into {@code U}. */
        default <U> Read<U> map(Function<? super T, ? extends U> then) {
            Read<T> read = this;
            return new Read<>() {
                @Override
                public String sql() {
                    return read.sql();
                }

                @Override
                public int bind(PreparedStatement statement, int first) throws SQLException {
                    return read.bind(statement, first);
                }

                @Override
                public U rows(ResultSet rows) throws SQLException {
                    return then.apply(read.rows(rows));
                }
            };
        }
    }

    /** What each read of a round trip returned. */
    public static final class Results {
        private final Map<Read<?>, Object> byRead = new IdentityHashMap<>();

        /** What {@code read} returned; it must have been one of the round trip's reads. */
        @SuppressWarnings("unchecked")
        public <T> T of(Read<T> read) {
            if (!byRead.containsKey(read)) {
                throw new IllegalArgumentException("not a read of this round trip");
            }
            return (T) byRead.get(read);
        }
    }

    /** Runs {@code reads} on {@code connection} in one round trip. */
    public static Results read(Connection connection, List<? extends Read<?>> reads) throws SQLException {
        Results results = new Results();
        if (reads.isEmpty()) {
            return results;
        }
        StringBuilder sql = new StringBuilder();
        for (Read<?> read : reads) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(read.sql());
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int next = 1;
            for (Read<?> read : reads) {
                next = read.bind(statement, next);
            }
            boolean rows = statement.execute();
            for (Read<?> read : reads) {
                if (!rows) {
                    throw new IllegalStateException("a read of the round trip returned no rows: " + read.sql());
                }
                try (ResultSet set = statement.getResultSet()) {
                    results.byRead.put(read, read.rows(set));
                }
                rows = statement.getMoreResults();
            }
        }
        return results;
    }

    /** Runs the one read {@code read} on {@code connection}. */
    public static <T> T read(Connection connection, Read<T> read) throws SQLException {
        return read(connection, List.of(read)).of(read);
    }
}
