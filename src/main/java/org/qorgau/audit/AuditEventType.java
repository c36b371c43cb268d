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
    DISPUTE_RESOLVED,
    /** A person enrolled in continuous monitoring, or unenrolled (outcome {@code ended}). */
    MONITORING_ENROLMENT_CHANGED,
    /** A monitoring alert acknowledged. */
    MONITORING_ALERT_ACKNOWLEDGED,
    /** A webhook endpoint created, deleted, its secret rotated, or a delivery sent again. */
    WEBHOOK_ENDPOINT_CHANGED
}
