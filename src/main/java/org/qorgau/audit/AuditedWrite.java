package org.qorgau.audit;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What {@link AuditCommitter} writes for one caller: an audit event and the rows of the change it records, all in one
 * (shared) transaction. The rows are plain data (a table's INSERT and its values); a value may be one of
 * {@link ChainValue}s, which the committer replaces by the event's place in the chain once it is known, so a row can
 * point at its event.
 *
 * @param event the event to append
 * @param rows the change's rows, inserted after the event in this order
 */
public record AuditedWrite(AuditEventDraft event, List<Row> rows) {

    public AuditedWrite {
        rows = List.copyOf(rows);
    }

    /** Values only the committer knows: where the event landed in the chain. */
    public enum ChainValue {
        /** The event's sequence ({@code bigint}). */
        SEQUENCE,
        /** The event's hash. */
        HASH
    }

    /**
     * An INSERT into one table. A group's rows of the same table are sent as one statement: each column's values as
     * one text array, unnested and converted to the column's type by PostgreSQL ({@link GroupRows}).
     *
     * @param table the table
     * @param columns its columns, in the order of a row's values
     * @param types each column's type when it is not a character type ({@code uuid}, {@code bigint},
     *     {@code timestamptz}, {@code date}, {@code jsonb}, ...), else null: text reaches a character column as it
     *     is, so a value too long for it is refused rather than cut
     * @param suffix what follows the values, e.g. {@code on conflict do nothing}; empty for nothing
     */
    public record Insert(String table, List<String> columns, List<String> types, String suffix) {

        public Insert {
            columns = List.copyOf(columns);
            types = Collections.unmodifiableList(Arrays.asList(types.toArray(String[]::new)));
            if (columns.size() != types.size()) {
                throw new IllegalArgumentException("one type (or null) per column");
            }
        }

        /**
         * An INSERT into {@code table}; each column is given as {@code "name"} (a character column) or
         * {@code "name type"}.
         */
        public static Insert into(String table, String... columns) {
            String[] names = new String[columns.length];
            String[] types = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                String[] parts = columns[i].trim().split("\\s+", 2);
                names[i] = parts[0];
                types[i] = parts.length == 2 ? parts[1] : null;
            }
            return new Insert(table, Arrays.asList(names), Arrays.asList(types), "");
        }

        /** This INSERT of one row, for a caller's own statement: {@code insert into t (...) values (?, ?::type, ...)}. */
        public String valuesSql() {
            StringBuilder sql = head().append(" values (");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?").append(cast(i));
            }
            return tail(sql.append(')'));
        }

        /**
         * This INSERT of any number of rows from one text array per column, which PostgreSQL unnests and converts to
         * the columns' types: {@code insert into t (...) select v1::type, v2, ... from unnest(?::text[], ...) as r(v1,
         * ...)}. The same SQL for any number of rows, so the driver prepares it once.
         */
        public String unnestSql() {
            StringBuilder values = new StringBuilder();
            StringBuilder arrays = new StringBuilder();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                String separator = i == 0 ? "" : ", ";
                values.append(separator).append('v').append(i + 1).append(cast(i));
                arrays.append(separator).append("?::text[]");
                names.append(separator).append('v').append(i + 1);
            }
            return tail(head().append(" select ")
                    .append(values)
                    .append(" from unnest(")
                    .append(arrays)
                    .append(") as r(")
                    .append(names)
                    .append(')'));
        }

        private StringBuilder head() {
            return new StringBuilder("insert into ")
                    .append(table)
                    .append(" (")
                    .append(String.join(", ", columns))
                    .append(')');
        }

        private String cast(int column) {
            return types.get(column) == null ? "" : "::" + types.get(column);
        }

        private String tail(StringBuilder sql) {
            return suffix.isEmpty()
                    ? sql.toString()
                    : sql.append(' ').append(suffix).toString();
        }

        /** This INSERT, skipping a row that would violate a unique constraint. */
        public Insert onConflictDoNothing() {
            return new Insert(table, columns, types, "on conflict do nothing");
        }
    }

    /**
     * One row of an {@link Insert}.
     *
     * @param insert the table's INSERT
     * @param values one per column, in order; null, a String, a number, a Boolean, a UUID, a Timestamp, an Instant,
     *     a LocalDate or a {@link ChainValue}
     */
    public record Row(Insert insert, List<Object> values) {

        public Row {
            values = Collections.unmodifiableList(Arrays.asList(values.toArray()));
            if (values.size() != insert.columns().size()) {
                throw new IllegalArgumentException(insert.table() + ": " + values.size() + " values for "
                        + insert.columns().size() + " columns");
            }
        }

        public static Row of(Insert insert, Object... values) {
            return new Row(insert, Arrays.asList(values));
        }
    }
}
