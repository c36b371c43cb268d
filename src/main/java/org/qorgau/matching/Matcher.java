package org.qorgau.matching;

/**
 * A matching engine built over one registry snapshot. Immutable and thread-safe: a new registry version gets a new
 * {@code Matcher}, so an in-flight check always sees exactly one version.
 */
public interface Matcher {

    /** Screens one candidate against the registry snapshot this matcher was built from. */
    Screening screen(Probe probe);

    /**
     * Screens like {@link #screen(Probe)} for a caller that discloses at most {@code maxReported} entries and refuses a
     * broader query: when the answer would report at most {@code maxReported} entries it is exactly {@link
     * #screen(Probe)}'s; otherwise it reports more than {@code maxReported}, but the engine may have stopped looking
     * for others (so neither the count nor the strongest verdict is necessarily the full screening's).
     */
    default Screening screen(Probe probe, int maxReported) {
        return screen(probe);
    }

    /** Names the algorithm and its parameter set, e.g. {@code fs-1.0/params-2026-11-25}. */
    String engineVersion();

    /** Number of registry entries indexed. */
    int size();
}
