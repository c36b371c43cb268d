package org.qorgau.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Several SELECTs sent to PostgreSQL as one composite statement: one round trip, one transaction. A check that matched
 * reads the matched entries, the dispute resolutions about them and its organisation's earlier decisions, each owned
 * by another package; asked one by one, each would take a connection from the pool and wait for its own answer, and
 * under load those waits and the database's per-statement work cost more than the rows. Each owner builds its
 * {@link Read} (its SQL names only its own tables); the caller runs them together.
 */
public final class Reads {

    private Reads() {}

    /** How a read's rows become its result (read them all: the result set closes afterwards). */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /**
     * A SELECT (a single statement, {@code ?} placeholders, no terminating semicolon) with its parameters: a
     * {@link Collection} is sent as a {@code varchar[]}, anything else as the driver sends it.
     */
    public static <T> Read<T> read(String sql, Rows<T> rows, Object... parameters) {
        return new Read<>(sql, List.of(parameters), rows);
    }

    /** One SELECT of a composite read. Run it once ({@link #run}), then take its {@link #result()}. */
    public static final class Read<T> {

        private final String sql;
        private final List<Object> parameters;
        private final Rows<T> rows;
        private T result;
        private boolean done;

        private Read(String sql, List<Object> parameters, Rows<T> rows) {
            this.sql = sql;
            this.parameters = parameters;
            this.rows = rows;
        }

        /** The same read, its result turned by {@code then} once the rows are in. */
        public <R> Read<R> map(Function<? super T, ? extends R> then) {
            return new Read<>(sql, parameters, resultSet -> then.apply(rows.read(resultSet)));
        }

        /** The result; only once the read ran. */
        public T result() {
            if (!done) {
                throw new IllegalStateException("the read has not run");
            }
            return result;
        }

        private int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Collection<?> values) {
                    statement.setArray(first + i, connection.createArrayOf("varchar", values.toArray()));
                } else {
                    statement.setObject(first + i, value);
                }
            }
            return parameters.size();
        }

        private void complete(ResultSet resultSet) throws SQLException {
            result = rows.read(resultSet);
            done = true;
        }
    }

    /**
     * Runs {@code reads} as one composite statement on {@code connection} (in auto-commit mode, one implicit
     * transaction) and completes each with its rows.
     */
    public static void run(Connection connection, Read<?>... reads) throws SQLException {
        if (reads.length == 0) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (Read<?> read : reads) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            sql.append(read.sql);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int next = 1;
            for (Read<?> read : reads) {
                next += read.bind(connection, statement, next);
            }
            boolean rows = statement.execute();
            for (Read<?> read : reads) {
                if (!rows) {
                    throw new IllegalStateException("a composite read's statement returned no rows");
                }
                try (ResultSet resultSet = statement.getResultSet()) {
                    read.complete(resultSet);
                }
                rows = statement.getMoreResults();
            }
        }
    }
}
