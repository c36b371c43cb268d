package org.qorgau.screening;

import org.qorgau.matching.Matcher;
import org.qorgau.matching.Probe;
import org.qorgau.matching.Screening;

/**
 * One registry version as a replica holds it in memory: the matcher that screens against exactly that version (a full
 * index, or a full index of an earlier version with a delta on top). Immutable; a new version replaces the whole
 * snapshot in one reference swap. The entries' other fields are read from the registry history on demand
 * ({@link org.qorgau.registry.RegistryReader#entriesAt}), as of this version.
 */
public record RegistrySnapshot(long version, Matcher matcher) {

    /**
     * Screens {@code probe} against this version. Every check screens through here rather than through {@code
     * matcher()}, so that the one call site that sees both kinds of matcher is this one, which {@link LayeredWarmUp}
     * also exercises with a delta at start. The checks still far outnumber those screenings, so when the first real
     * delta arrives the JIT compiler may recompile this site and the methods that inlined it.
     */
    public Screening screen(Probe probe) {
        return matcher.screen(probe);
    }

    /**
     * Screens {@code probe} for an answer that discloses at most {@code maxReported} entries ({@link
     * Matcher#screen(Probe, int)}): the checks' call site, which the warm-up exercises as they do.
     */
    public Screening screen(Probe probe, int maxReported) {
        return matcher.screen(probe, maxReported);
    }

    /** The engine and parameter set that screens this version ({@link Matcher#engineVersion}). */
    public String engineVersion() {
        return matcher.engineVersion();
    }
}
