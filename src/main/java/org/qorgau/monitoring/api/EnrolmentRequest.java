package org.qorgau.monitoring.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.qorgau.screening.api.CandidateInput;

/** A person to keep screening while the organisation employs or engages them. */
@Schema(
        name = "EnrolmentRequest",
        description = "Enrol a person in continuous monitoring; enrolment runs a first check.")
public record EnrolmentRequest(
        @Schema(required = true) CandidateInput candidate,

        @Schema(
                description =
                        "Why the person is screened (the first check's purpose; re-screens are" + " PERIODIC_RESCREEN)",
                required = true,
                enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"},
                example = "EMPLOYMENT")
        String purpose,

        @Schema(description = "The person's position", example = "Football coach")
        String position,

        @Schema(
                description = "Reference of the person's consent to continuous screening",
                required = true,
                example = "HR-2026-0412")
        String consentReference,

        @Schema(description = "The organisation's own id of the person (at most 200 characters)", example = "EMP-1042")
        String reference) {}
