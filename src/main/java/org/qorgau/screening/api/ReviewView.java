package org.qorgau.screening.api;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A recorded review. */
@Schema(name = "Review", description = "A reviewer's recorded decision and its audit record.")
public record ReviewView(
        UUID reviewId,
        UUID checkId,
        @Schema(example = "KZ-GPO-000123") String externalId,

        @Schema(enumeration = {"SAME_PERSON", "NOT_SAME_PERSON"})
        String decision,

        String reason,
        String reviewer,
        Instant createdAt,
        CheckResponse.AuditRef audit) {}
