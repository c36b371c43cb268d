package org.qorgau.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One registry version: who changed what, when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RegistryVersion", description = "A registry version: who made it, when, how, and what changed.")
public record RegistryVersionView(
        @Schema(example = "7") long version,
        Instant createdAt,
        @Schema(example = "prosecutor-office-loader") String actor,
        @Schema(example = "kz-gpo") String actorOrg,

        @Schema(
                example = "IMPORT_REPLACE",
                enumeration = {"IMPORT_UPSERT", "IMPORT_REPLACE", "ENTRY_PUT", "ENTRY_DELETE"})
        String kind,

        int added,
        int updated,
        int removed,
        int unchanged,

        @Schema(description = "Entries in the registry after this version")
        int entryCount,

        @Schema(description = "SHA-256 over the sorted (externalId, entry hash) pairs of the whole registry")
        String contentHash,

        @Schema(description = "Why an entry was deleted") String reason) {}
