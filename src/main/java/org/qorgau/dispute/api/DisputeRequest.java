package org.qorgau.dispute.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Opening a dispute of one matched entry of one check. */
@Schema(name = "DisputeRequest")
public record DisputeRequest(
        @Schema(description = "The disputed check", required = true)
        String checkId,

        @Schema(
                description = "The matched registry entry the person says they are not",
                required = true,
                example = "KZ-0001")
        String externalId,

        @Schema(
                description =
                        "Why the person is not (or is) the registered person: the documents seen, the differences",
                required = true,
                maxLength = 4000)
        String grounds) {}
