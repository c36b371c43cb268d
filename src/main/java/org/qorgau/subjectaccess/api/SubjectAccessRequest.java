package org.qorgau.subjectaccess.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A verified person's request to learn which checks were about them. */
@Schema(name = "SubjectAccessRequest")
public record SubjectAccessRequest(
        @Schema(description = "As on the person's identity document, in any script", required = true)
        String fullName,

        @Schema(description = "YYYY-MM-DD (also YYYY-MM or YYYY)", required = true, example = "1979-03-14")
        String dateOfBirth,

        @Schema(
                description = "The officer's reference to the identity verification done offline (document type and"
                        + " number, case file)",
                required = true,
                maxLength = 300)
        String identityReference) {}
