package org.qorgau.screening.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A check waiting for a reviewer: its matches without a current decision. */
@Schema(name = "ReviewQueueItem", description = "A check with matches that have no current decision.")
public record ReviewQueueItem(
        UUID checkId,
        Instant createdAt,

        @Schema(enumeration = {"MATCH", "POSSIBLE_MATCH"}) String verdict,

        @Schema(example = "EMPLOYMENT") String purpose,
        long registryVersion,

        @Schema(description = "The matches that still need a decision, strongest first")
        List<PendingMatch> pending) {

    /** One match without a current decision. */
    @Schema(name = "PendingMatch")
    public record PendingMatch(
            @Schema(example = "KZ-GPO-000123") String externalId,

            @Schema(enumeration = {"MATCH", "POSSIBLE_MATCH"})
            String verdict,

            @Schema(example = "0.93") double probability) {}
}
