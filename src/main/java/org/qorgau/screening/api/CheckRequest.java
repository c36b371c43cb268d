package org.qorgau.screening.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to screen one candidate. */
@Schema(name = "CheckRequest", description = "Screen one candidate against the registry.")
public record CheckRequest(
        @Schema(required = true) CandidateInput candidate,

        @Schema(
                description = "Why the check is made",
                required = true,
                enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"},
                example = "EMPLOYMENT")
        String purpose,

        @Schema(description = "The position applied for", example = "Primary school teacher")
        String position,

        @Schema(
                description = "Reference of the candidate's consent to the check",
                required = true,
                example = "HR-2026-0412")
        String consentReference) {}
