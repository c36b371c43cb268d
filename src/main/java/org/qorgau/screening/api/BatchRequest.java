package org.qorgau.screening.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Many candidates screened for one purpose, e.g. a periodic re-screen of a whole staff list. */
@Schema(name = "BatchRequest", description = "Up to 500 candidates sharing one purpose; each becomes its own check.")
public record BatchRequest(
        @Schema(
                description = "Why the checks are made; shared by every item",
                required = true,
                enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"},
                example = "PERIODIC_RESCREEN")
        String purpose,

        @Schema(description = "Consent reference for items that do not name their own", example = "HR-RESCREEN-2026")
        String consentReference,

        @Schema(description = "Position for items that do not name their own", example = "Teacher")
        String position,

        @Schema(required = true, description = "1 to 500 candidates")
        List<BatchItem> candidates) {

    /** One candidate of a batch. */
    @Schema(name = "BatchItem")
    public record BatchItem(
            @Schema(example = "Nurlan Seitkali", required = true)
            String fullName,

            @Schema(example = "1979-03-14", required = true) String dateOfBirth,

            @Schema(description = "256-bit PDQ hash, 64 hex characters")
            String photoHash,

            @Schema(description = "Overrides the batch's consentReference")
            String consentReference,

            @Schema(description = "Overrides the batch's position")
            String position) {}
}
