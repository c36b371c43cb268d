package org.qorgau.audit;

/** Audit event types; names are part of the API and keep their meaning. */
public enum AuditEventType {
    CHECK_PERFORMED,
    CHECK_VIEWED,
    REVIEW_RECORDED,
    REGISTRY_IMPORTED,
    REGISTRY_ENTRY_CHANGED,
    ACCESS_REFUSED,
    AUDIT_READ
}
