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

        @Schema(description = "The earlier decision about the same candidate and entry that this one replaced")
        UUID supersedes,

        @Schema(
                description = "True while this is the organisation's current decision about this candidate and"
                        + " entry; false once a later decision superseded it")
        boolean current,

        CheckResponse.AuditRef audit) {}
