package org.qorgau.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an applied import did, or (with {@code dryRun}) what it would do. */
@Schema(name = "ImportResult", description = "The new registry version and what the import changed.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportResult(
        @Schema(description = "The new version; on a dry run the current one", example = "7")
        long registryVersion,

        @Schema(example = "120") int added,
        @Schema(example = "3") int updated,
        @Schema(example = "0") int removed,
        @Schema(example = "19877") int unchanged,

        @Schema(description = "Present and true when nothing was applied (dryRun=true): the counts are a preview")
        Boolean dryRun) {

    public ImportResult(long registryVersion, int added, int updated, int removed, int unchanged) {
        this(registryVersion, added, updated, removed, unchanged, null);
    }
}
