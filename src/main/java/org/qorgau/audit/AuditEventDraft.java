package org.qorgau.audit;

import java.util.Map;
import java.util.UUID;
import org.qorgau.common.Purpose;
import org.qorgau.security.Caller;

/**
 * An event about to be appended to the audit log.
 *
 * @param type one of {@link AuditEventType}
 * @param actor who did it
 * @param purpose the declared purpose of a check, or null
 * @param query what was asked (for checks: the candidate's fields; never logged, only stored here)
 * @param outcome what was answered
 * @param registryVersion the registry version involved, or null
 * @param checkId the check concerned, or null
 * @param personal the candidate's personal fields (name, date of birth, photo hash), or empty: stored apart from the
 *     event in the redactable {@code audit_personal} table; the event's hash commits to a salted hash of them
 */
public record AuditEventDraft(
        AuditEventType type,
        Caller actor,
        Purpose purpose,
        Map<String, Object> query,
        Map<String, Object> outcome,
        Long registryVersion,
        UUID checkId,
        Map<String, Object> personal) {

    public AuditEventDraft {
        query = query == null ? Map.of() : query;
        outcome = outcome == null ? Map.of() : outcome;
        personal = personal == null ? Map.of() : personal;
    }

    /** An event without personal fields. */
    public AuditEventDraft(
            AuditEventType type,
            Caller actor,
            Purpose purpose,
            Map<String, Object> query,
            Map<String, Object> outcome,
            Long registryVersion,
            UUID checkId) {
        this(type, actor, purpose, query, outcome, registryVersion, checkId, Map.of());
    }
}
