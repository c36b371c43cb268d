package org.qorgau.audit;

import java.util.Arrays;
import java.util.List;

/**
 * What {@link AuditCommitter} writes for one caller: an audit event and the rows of the change it records, all in one
 * (shared) transaction. The rows are plain data (an INSERT and its values); a value may be one of {@link ChainValue}s,
 * which the committer replaces by the event's place in the chain once it is known, so a row can point at its event.
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
     * One INSERT: rows of the same statement are sent as one JDBC batch per group.
     *
     * @param sql the parameterised INSERT
     * @param values its parameters in order; null, a String, a number, a UUID, a Timestamp, a LocalDate or a
     *     {@link ChainValue}
     */
    public record Row(String sql, List<Object> values) {

        public Row {
            values = java.util.Collections.unmodifiableList(Arrays.asList(values.toArray()));
        }

        public static Row of(String sql, Object... values) {
            return new Row(sql, Arrays.asList(values));
        }
    }
}
