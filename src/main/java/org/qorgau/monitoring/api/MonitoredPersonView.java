package org.qorgau.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A monitored person as the organisation sees it: where screening stands, never the registry's data. */
@Schema(name = "MonitoredPerson", description = "A person under continuous monitoring.")
public record MonitoredPersonView(
        @Schema(required = true) UUID monitoredPersonId,

        @Schema(
                required = true,
                description = "NEW_INFORMATION from the re-screen that found a new or stronger match, or that a"
                        + " matched entry was removed, until its alerts are acknowledged; otherwise"
                        + " NO_NEW_INFORMATION",
                enumeration = {"NO_NEW_INFORMATION", "NEW_INFORMATION"})
        String status,

        @Schema(description = "The check that found the new information (with NEW_INFORMATION)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        UUID statusCheckId,

        @Schema(required = true, description = "The person's latest check (enrolment or re-screen)")
        UUID lastCheckId,

        @Schema(
                required = true,
                enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"})
        String lastVerdict,

        @Schema(required = true, description = "The registry version of the latest check")
        long registryVersion,

        @Schema(required = true, description = "The engine version of the latest check")
        String engineVersion,

        @Schema(required = true) Instant enrolledAt,

        @Schema(description = "The organisation's own id of the person")
        String reference,

        @Schema(description = "When monitoring ended (unenrolment); absent while monitored")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Instant endedAt) {}
