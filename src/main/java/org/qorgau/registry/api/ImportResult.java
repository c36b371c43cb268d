package org.qorgau.registry.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an applied import did. */
@Schema(name = "ImportResult", description = "The new registry version and what the import changed.")
public record ImportResult(
        @Schema(example = "7") long registryVersion,
        @Schema(example = "120") int added,
        @Schema(example = "3") int updated,
        @Schema(example = "0") int removed,
        @Schema(example = "19877") int unchanged) {}
