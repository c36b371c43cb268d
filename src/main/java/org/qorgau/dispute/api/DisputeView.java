package org.qorgau.dispute.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A dispute as its parties see it; never a staff member's name. */
@Schema(name = "Dispute")
public record DisputeView(
        UUID disputeId,
        UUID checkId,
        String externalId,

        @Schema(description = "The organisation that ran the disputed check")
        String checkOrganisation,

        @Schema(description = "Who opened it: the organisation's role, or data-protection-officer")
        String openedByRole,

        Instant openedAt,
        String grounds,

        @Schema(enumeration = {"OPEN", "RESOLVED"}) String status,

        @Schema(description = "The resolution in force; absent while OPEN") @JsonInclude(JsonInclude.Include.NON_NULL)
        ResolutionView resolution,

        @Schema(description = "The audit event of the latest change (opening, resolution or revocation)")
        AuditRef audit) {

    /** A resolution of the registry authority. */
    @Schema(name = "DisputeResolution")
    public record ResolutionView(
            UUID resolutionId,

            @Schema(enumeration = {"NOT_SAME_PERSON", "SAME_PERSON"})
            String decision,

            String reason,
            Instant resolvedAt) {}

    /** Where an event sits in the audit chain. */
    @Schema(name = "DisputeAuditRef")
    public record AuditRef(
            long sequence,

            @Schema(description = "Present in the answer to the change itself")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            String hash) {}

    /** A page of disputes, oldest first. */
    @Schema(name = "DisputePage")
    public record Page(
            List<DisputeView> items,
            @Schema(description = "Null on the last page") String nextCursor) {}
}
