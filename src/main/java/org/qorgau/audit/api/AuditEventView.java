package org.qorgau.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One audit event as stored. Everything the event's hash covers is here, so an auditor can recompute the chain from
 * an export alone (see docs/auditor-walkthrough.md).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "AuditEvent", description = "One event of the hash-chained audit log.")
public record AuditEventView(
        @Schema(description = "Gap-free position in the chain", example = "4711")
        long sequence,

        UUID eventId,
        Instant occurredAt,

        @Schema(
                example = "CHECK_PERFORMED",
                enumeration = {
                    "CHECK_PERFORMED",
                    "CHECK_VIEWED",
                    "REVIEW_RECORDED",
                    "REGISTRY_IMPORTED",
                    "REGISTRY_ENTRY_CHANGED",
                    "ACCESS_REFUSED",
                    "AUDIT_READ",
                    "SUBJECT_ACCESS",
                    "DISPUTE_OPENED",
                    "DISPUTE_RESOLVED",
                    "MONITORING_ENROLMENT_CHANGED",
                    "MONITORING_ALERT_ACKNOWLEDGED",
                    "WEBHOOK_ENDPOINT_CHANGED"
                })
        String type,

        Actor actor,

        @Schema(
                description = "Declared purpose of a check",
                example = "EMPLOYMENT",
                enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"})
        String purpose,

        @Schema(type = SchemaType.OBJECT, description = "What was asked (without the candidate's personal fields)")
        JsonNode query,

        @Schema(type = SchemaType.OBJECT, description = "What was answered")
        JsonNode outcome,

        Long registryVersion,

        @Schema(description = "The check concerned, for check events")
        UUID checkId,

        @Schema(
                type = SchemaType.OBJECT,
                description = "The candidate's personal fields (fullName, dateOfBirth, photoHash); null when the event"
                        + " has none or they were redacted after the retention period")
        JsonNode candidate,

        @Schema(description = "True when the personal fields were redacted (retention); the event still verifies")
        boolean redacted,

        @Schema(
                description = "SHA-256(salt + ':' + canonical personal fields), covered by the event's hash; null when"
                        + " the event has no personal fields")
        String personalCommitment,

        @Schema(example = "9f2c…") String prevHash,
        @Schema(example = "41ab…") String hash) {

    /** Who acted. */
    @Schema(name = "AuditActor")
    public record Actor(
            @Schema(example = "hr-officer@school-17") String subject,
            @Schema(example = "school-17") String org,
            List<String> roles) {}
}
