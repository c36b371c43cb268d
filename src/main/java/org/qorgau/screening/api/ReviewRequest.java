package org.qorgau.screening.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer's decision about one match of a check. */
@Schema(name = "ReviewRequest", description = "Decide whether a matched registry entry is the candidate.")
public record ReviewRequest(
        @Schema(description = "The matched entry's externalId", example = "KZ-GPO-000123", required = true)
        String externalId,

        @Schema(
                enumeration = {"SAME_PERSON", "NOT_SAME_PERSON"},
                example = "NOT_SAME_PERSON",
                required = true)
        String decision,

        @Schema(
                description = "Why, in a sentence or two (at most 2000 characters)",
                example = "Identity document shows another place of birth and mother's name",
                required = true)
        String reason,

        @Schema(
                description = "The reviewId of the current decision this one replaces. Required when the current"
                        + " decision about this candidate and entry says otherwise (409 without it), so a"
                        + " contradiction is always deliberate; optional when it agrees.")
        String supersedes) {

    /** A request without {@code supersedes}. */
    public ReviewRequest(String externalId, String decision, String reason) {
        this(externalId, decision, reason, null);
    }
}
