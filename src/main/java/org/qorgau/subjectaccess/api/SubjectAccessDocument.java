package org.qorgau.subjectaccess.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the service holds about a person's checks, as handed to them. Instants are ISO-8601 strings so the document
 * signs and re-encodes to the same bytes.
 */
@Schema(name = "SubjectAccessDocument")
public record SubjectAccessDocument(
        String requestId,
        String issuedAt,

        @Schema(description = "Who asked, as the officer entered it")
        Subject subject,

        @Schema(
                description = "How long check records stay linked to the person (ISO-8601 duration)",
                example = "P1825D")
        String retention,

        @Schema(description = "Every check about the person still within retention, oldest first")
        List<CheckEntry> checks) {

    @Schema(name = "SubjectAccessSubject")
    public record Subject(String fullName, String dateOfBirth, String identityReference) {}

    /** One check: who (the organisation, never its staff), when, why and with what result. */
    @Schema(name = "SubjectAccessCheck")
    public record CheckEntry(
            String checkId,
            String organisation,
            String checkedAt,

            @Schema(enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"})
            String purpose,

            @Schema(enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"})
            String verdict,

            @Schema(description = "Whether a person of the organisation recorded a decision about this check's matches")
            boolean humanDecided,

            @Schema(
                    description = "How the check was sent when it differs from the request (another date-of-birth"
                            + " precision); absent when the same")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            String dateOfBirthAsChecked,

            List<MatchEntry> matches) {}

    /** A registry entry the check matched, and the organisation's decision about it (never who took it). */
    @Schema(name = "SubjectAccessMatch")
    public record MatchEntry(
            String externalId,

            @Schema(enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"})
            String verdict,

            @Schema(enumeration = {"SAME_PERSON", "NOT_SAME_PERSON"}) @JsonInclude(JsonInclude.Include.NON_NULL)
            String decision,

            @JsonInclude(JsonInclude.Include.NON_NULL) String decidedAt) {}
}
