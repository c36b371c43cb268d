package org.qorgau.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qorgau.matching.Verdict;

/**
 * A selection of audit events; every field is optional.
 *
 * @param from events at or after this instant
 * @param to events before this instant
 * @param org the actor's organisation
 * @param actor the actor's subject
 * @param type the event type
 * @param verdict the check verdict in the outcome
 * @param after only events with a greater sequence (the cursor)
 */
public record AuditFilter(
        Instant from, Instant to, String org, String actor, AuditEventType type, Verdict verdict, Long after) {

    /** The SQL condition (over {@code audit_event e}) and its parameters. */
    String where(List<Object> parameters) {
        StringBuilder sql = new StringBuilder(" where true");
        add(sql, parameters, " and e.occurred_at >= ?", from == null ? null : java.sql.Timestamp.from(from));
        add(sql, parameters, " and e.occurred_at < ?", to == null ? null : java.sql.Timestamp.from(to));
        add(sql, parameters, " and e.actor_org = ?", org);
        add(sql, parameters, " and e.actor_subject = ?", actor);
        add(sql, parameters, " and e.type = ?", type == null ? null : type.name());
        add(sql, parameters, " and e.outcome ->> 'verdict' = ?", verdict == null ? null : verdict.name());
        add(sql, parameters, " and e.sequence > ?", after);
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            parameters.add(value);
        }
    }

    /** The selection as recorded in the AUDIT_READ event. */
    Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("from", from == null ? null : from.toString());
        map.put("to", to == null ? null : to.toString());
        map.put("org", org);
        map.put("actor", actor);
        map.put("type", type == null ? null : type.name());
        map.put("verdict", verdict == null ? null : verdict.name());
        map.put("cursor", after);
        map.values().removeIf(java.util.Objects::isNull);
        return map;
    }

    static List<Object> newParameters() {
        return new ArrayList<>();
    }
}
