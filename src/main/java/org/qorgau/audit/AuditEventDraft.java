package org.qorgau.audit;

import java.util.Map;
import java.util.UUID;
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
 */
public record AuditEventDraft(
        AuditEventType type,
        Caller actor,
        String purpose,
        Map<String, Object> query,
        Map<String, Object> outcome,
        Long registryVersion,
        UUID checkId) {

    public AuditEventDraft {
        query = query == null ? Map.of() : query;
        outcome = outcome == null ? Map.of() : outcome;
    }
}
