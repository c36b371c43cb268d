package org.qorgau.audit;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * An audit group's rows ({@link AuditCommitter}), one JDBC batch per statement, sent in order of first use: the events
 * before the rows that cite them.
 */
final class RowBatches {

    private static final Logger LOG = Logger.getLogger(RowBatches.class);

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();

    RowBatches(Connection connection) {
        this.connection = connection;
    }

    /** Adds {@code row} to its statement's batch, with the chain values of {@code record}. */
    void add(AuditedWrite.Row row, AuditRecord record) throws SQLException {
        PreparedStatement statement = statements.get(row.sql());
        if (statement == null) {
            statement = connection.prepareStatement(row.sql());
            statements.put(row.sql(), statement);
        }
        AuditLog.bind(statement, row, record);
        statement.addBatch();
    }

    /** Sends every batch; a failing row surfaces as its own exception (e.g. a unique violation), not the batch's. */
    void send() throws SQLException {
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.executeBatch();
            }
        } catch (BatchUpdateException e) {
            throw e.getNextException() != null ? e.getNextException() : e;
        }
    }

    void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                LOG.debug("closing a batch statement failed", e);
            }
        }
    }
}
