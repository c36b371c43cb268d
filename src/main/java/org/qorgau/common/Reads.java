package org.qorgau.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /**
     * One SELECT of a composite read: its SQL (a single statement), its parameters and how its rows become the result.
     * Run it once ({@link #run}), then take its {@link #result()}.
     */
    public abstract static class Read<T> {

        private T result;
        private boolean done;

        /** The SELECT, with {@code ?} placeholders and no terminating semicolon. */
        protected abstract String sql();

        /** Binds this read's parameters from position {@code first} on; returns how many it bound. */
        protected abstract int bind(Connection connection, PreparedStatement statement, int first) throws SQLException;

        /** The result of the read's rows (read them all; the result set closes afterwards). */
        protected abstract T rows(ResultSet rows) throws SQLException;

        /** The result; only once the read ran. */
        public T result() {
            if (!done) {
                throw new IllegalStateException("the read has not run");
            }
            return result;
        }

        /** The same read, its result turned by {@code then} once the rows are in. */
        public final <R> Read<R> map(Function<? super T, ? extends R> then) {
            Read<T> read = this;
            return new Read<>() {
                @Override
                protected String sql() {
                    return read.sql();
                }

                @Override
                protected int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
                    return read.bind(connection, statement, first);
                }

                @Override
                protected R rows(ResultSet rows) throws SQLException {
                    return then.apply(read.rows(rows));
                }
            };
        }

        private void complete(ResultSet rows) throws SQLException {
            result = rows(rows);
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
            sql.append(read.sql());
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
