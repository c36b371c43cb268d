package org.qorgau.config;

import io.smallrye.config.WithDefault;

/** Registry imports ({@code qorgau.registry.*}). */
public interface RegistryConfig {
    /** Longest accepted line (NDJSON) or record (CSV) of an import, in characters. */
    @WithDefault("65536")
    int maxLineChars();

    /** At most this many line errors are listed in a 422 answer; the total count is always given. */
    @WithDefault("10000")
    int maxReportedErrors();

    /**
     * A {@code replace} import that would remove more than this share of the registry's entries (0-1) answers 409
     * with the counts unless it confirms the number ({@code confirmRemovals}): a truncated upstream file must not
     * empty the registry.
     */
    @WithDefault("0.10")
    double maxReplaceRemovalShare();
}
