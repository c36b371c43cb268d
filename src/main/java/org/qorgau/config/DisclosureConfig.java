package org.qorgau.config;

import io.smallrye.config.WithDefault;

/**
 * How much of the registry one answer and one day may disclose ({@code qorgau.disclosure.*}). Screening discloses
 * registry details only in proportion to the evidence a query brings: a query broad enough to match many entries is
 * a way to read the registry, not to screen a person.
 */
public interface DisclosureConfig {
    /**
     * Most registry entries one answer discloses. A query that matches more answers 422 {@code too-broad}: nothing
     * is disclosed, the refusal is audited and counts against the quota, and the screener is asked for the full
     * date of birth and the name as on the identity document.
     */
    @WithDefault("5")
    int maxEntries();

    /**
     * A name with more tokens than this, or with a token repeated, cannot be a person's name: it is screened (a
     * padded registered name is still found and the verdict given) but the answer withholds every registry detail.
     */
    @WithDefault("8")
    int maxNameTokens();

    /** Distinct registry entries one organisation may be shown per day (zone {@code qorgau.usage.zone}); 0 = no cap. */
    @WithDefault("100")
    int entriesPerDay();

    /** Distinct registry entries one token subject may be shown per day; 0 = no cap. */
    @WithDefault("50")
    int entriesPerDayPerSubject();
}
