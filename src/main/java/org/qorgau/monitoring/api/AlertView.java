package org.qorgau.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** New information about a monitored person; the check it links to holds the evidence. */
@Schema(name = "Alert", description = "New information about a monitored person found by a re-screen.")
public record AlertView(
        @Schema(required = true) UUID alertId,
        @Schema(required = true) UUID monitoredPersonId,

        @Schema(description = "The organisation's own id of the person")
        String reference,

        @Schema(required = true, description = "The re-screen that found it: GET /v1/checks/{checkId}")
        UUID checkId,

        @Schema(
                required = true,
                enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"})
        String verdict,

        @Schema(
                required = true,
                description = "NEW_MATCH: an entry matches that did not; STRONGER_MATCH: a match became stronger;"
                        + " MATCH_REMOVED: an entry that matched was removed or no longer matches",
                enumeration = {"NEW_MATCH", "STRONGER_MATCH", "MATCH_REMOVED"})
        String reason,

        @Schema(required = true) long registryVersion,
        @Schema(required = true) Instant createdAt,

        @JsonInclude(JsonInclude.Include.NON_NULL) Instant acknowledgedAt,

        @Schema(description = "Who acknowledged it (token subject)") @JsonInclude(JsonInclude.Include.NON_NULL)
        String acknowledgedBy) {}
