package org.qorgau.monitoring.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.qorgau.screening.api.CandidateInput;

/** Many people enrolled for one purpose, e.g. a whole staff list when monitoring starts. */
@Schema(
        name = "EnrolmentBatchRequest",
        description = "Up to 500 people sharing one purpose; each becomes its own enrolment with its own first check.")
public record EnrolmentBatchRequest(
        @Schema(
                description = "Why the people are screened (each first check's purpose); shared by every item",
                required = true,
                enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"},
                example = "EMPLOYMENT")
        String purpose,

        @Schema(description = "Consent reference for items that do not name their own", example = "HR-2026-BULK")
        String consentReference,

        @Schema(description = "Position for items that do not name their own", example = "Teacher")
        String position,

        @Schema(required = true, description = "1 to 500 people")
        List<Item> people) {

    /** One person of a batch. */
    @Schema(name = "EnrolmentBatchItem")
    public record Item(
            @Schema(required = true) CandidateInput candidate,

            @Schema(
                    description = "The organisation's own id of the person (at most 200 characters)",
                    example = "EMP-1042")
            String reference,

            @Schema(description = "Overrides the batch's consentReference")
            String consentReference,

            @Schema(description = "Overrides the batch's position")
            String position) {}
}
