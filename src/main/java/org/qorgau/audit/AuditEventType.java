package org.qorgau.audit;

/** Audit event types; names are part of the API and keep their meaning. */
public enum AuditEventType {
    CHECK_PERFORMED,
    CHECK_VIEWED,
    REVIEW_RECORDED,
    REGISTRY_IMPORTED,
    REGISTRY_ENTRY_CHANGED,
    ACCESS_REFUSED,
    AUDIT_READ,
    /** A data-protection officer's subject-access request: the person's fields are personal (redactable). */
    SUBJECT_ACCESS,
    DISPUTE_OPENED,
    /** A registry authority's resolution of a dispute, or its revocation ({@code outcome.revoked}). */
    DISPUTE_RESOLVED
}
