package org.qorgau.dispute.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The registry authority's answer to a dispute. */
@Schema(name = "ResolutionRequest")
public record ResolutionRequest(
        @Schema(
                enumeration = {"NOT_SAME_PERSON", "SAME_PERSON"},
                required = true)
        String decision,

        @Schema(
                description = "Shown to every organisation whose later check of this person it decides",
                required = true,
                maxLength = 2000)
        String reason) {}
