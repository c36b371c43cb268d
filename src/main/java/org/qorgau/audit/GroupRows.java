package org.qorgau.audit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An audit group's rows ({@link AuditCommitter}), written with the statements around them in one round trip: one
 * INSERT per table, in order of first use (the events before the rows that cite them), each column's values sent as
 * one text array that PostgreSQL unnests and converts to the column's type ({@link AuditedWrite.Insert#unnestSql}). The
 * SQL depends only on the tables present, not on how many rows each has, so the driver prepares each shape once.
 */
final class GroupRows {

    /** A statement sent with the rows, before or after them, with its parameters. */
    record Statement(String sql, List<Object> parameters) {}

    private final Map<AuditedWrite.Insert, List<String[]>> rows = new LinkedHashMap<>();

    /** Adds {@code row}, with the chain values of {@code record}. */
    void add(AuditedWrite.Row row, AuditRecord record) {
        List<Object> values = row.values();
        String[] text = new String[values.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = text(values.get(i), record);
        }
        rows.computeIfAbsent(row.insert(), insert -> new ArrayList<>()).add(text);
    }

    /**
     * Runs {@code before} (may be null), the rows, then {@code after} (may be null) as one composite statement: one
     * round trip. On a connection in auto-commit mode they are one implicit transaction, committed at the end or, if
     * any of them fails, not at all; a failure surfaces as that statement's own exception (e.g. a unique violation).
     */
    void execute(Connection connection, Statement before, Statement after) throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        if (before != null) {
            sql.append(before.sql());
            parameters.addAll(before.parameters());
        }
        for (Map.Entry<AuditedWrite.Insert, List<String[]>> table : rows.entrySet()) {
            if (!sql.isEmpty()) {
                sql.append(";\n");
            }
            AuditedWrite.Insert insert = table.getKey();
            sql.append(insert.unnestSql());
            List<String[]> tableRows = table.getValue();
            for (int column = 0; column < insert.columns().size(); column++) {
                String[] values = new String[tableRows.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = tableRows.get(row)[column];
                }
                parameters.add(values);
            }
        }
        if (after != null) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(after.sql());
            parameters.addAll(after.parameters());
        }
        if (sql.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            statement.execute();
        }
    }

    /** {@code value} as PostgreSQL reads it back into its column's type; chain values from {@code record}. */
    static String text(Object value, AuditRecord record) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value == AuditedWrite.ChainValue.SEQUENCE) {
            return Long.toString(record.sequence());
        }
        if (value == AuditedWrite.ChainValue.HASH) {
            return record.hash();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString(); // ISO 8601 in UTC: independent of both sides' time zones
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Boolean
                || value instanceof UUID
                || value instanceof LocalDate) {
            return value.toString();
        }
        throw new IllegalArgumentException(
                "no text form for a row value of " + value.getClass().getName());
    }
}
