package org.qorgau.matching;

/**
 * A matching engine built over one registry snapshot. Immutable and thread-safe: a new registry version gets a new
 * {@code Matcher}, so an in-flight check always sees exactly one version.
 */
public interface Matcher {

    /** Screens one candidate against the registry snapshot this matcher was built from. */
    Screening screen(Probe probe);

    /** Names the algorithm and its parameter set, e.g. {@code fs-1.0/params-2026-11-25}. */
    String engineVersion();

    /** Number of registry entries indexed. */
    int size();
}
