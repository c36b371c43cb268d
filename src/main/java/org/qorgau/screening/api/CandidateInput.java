package org.qorgau.screening.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The person being screened. */
@Schema(name = "Candidate", description = "The person being screened.")
public record CandidateInput(
        @Schema(
                description = "Full name as on the application, any script, at most 300 characters",
                example = "Nurlan Seitkali",
                required = true)
        String fullName,

        @Schema(description = "YYYY, YYYY-MM or YYYY-MM-DD", example = "1979-03-14", required = true)
        String dateOfBirth,

        @Schema(
                description = "256-bit PDQ hash of the candidate's photo, 64 hexadecimal characters",
                example = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22")
        String photoHash) {}
