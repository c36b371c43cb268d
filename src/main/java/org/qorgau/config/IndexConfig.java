package org.qorgau.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Each replica's in-memory matching index and how it follows the registry ({@code qorgau.index.*}). */
public interface IndexConfig {
    /** How often each replica looks for a new registry version. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Registry entries changed since the last full index build that a replica serves from a small delta index on
     * top of it; beyond this it rebuilds the full index in the background (and, past 10 % of the registry, at once).
     */
    @WithDefault("50000")
    int maxDelta();

    /**
     * Whether a full {@code replace} import builds its version's matching index while it runs and serves it at
     * commit, before it answers (holding the file's matching fields in memory meanwhile); otherwise the replica
     * reads and indexes the new version after the import answered.
     */
    @WithDefault("true")
    boolean prepareReplace();
}
