package org.qorgau.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of recomputing the hash chain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "VerifyResult", description = "Whether the audit chain recomputes, and where it first breaks.")
public record VerifyResult(
        @Schema(description = "True when every checked event recomputes and links, and agrees with every checkpoint")
        boolean valid,

        @Schema(description = "Events checked", example = "120345")
        long checked,

        @Schema(example = "1") Long firstSequence,
        @Schema(example = "120345") Long lastSequence,

        @Schema(description = "The hash of the last checked event")
        String headHash,

        @Schema(description = "The first sequence that does not verify (altered, missing or beyond a truncation)")
        Long brokenAt,

        @Schema(
                description = "Why the chain is broken",
                example = "event 4711: stored hash differs from the recomputed hash")
        String problem,

        @Schema(description = "Signed checkpoints the chain was compared with")
        long checkpointsChecked) {}
