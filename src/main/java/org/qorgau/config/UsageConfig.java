package org.qorgau.config;

import io.smallrye.config.WithDefault;
import java.time.LocalTime;
import java.time.ZoneId;

/** The per-organisation usage report ({@code qorgau.usage.*}). */
public interface UsageConfig {
    /** Working hours start (local time in {@code zone}); checks outside working hours are reported as such. */
    @WithDefault("08:00")
    LocalTime workdayStart();

    /** Working hours end (local time, exclusive). */
    @WithDefault("19:00")
    LocalTime workdayEnd();

    /** Time zone of working hours and of the report's days. */
    @WithDefault("Asia/Almaty")
    ZoneId zone();

    /** A candidate checked more than this many times by one organisation in the period counts as repeated. */
    @WithDefault("1")
    int repeatThreshold();

    Sweep sweep();

    /**
     * The registry-sweep detector of the usage report ({@code qorgau.usage.sweep.*}): an organisation is flagged when
     * its checks look like someone enumerating the registry rather than screening applicants.
     */
    interface Sweep {
        /** Flag when at least this many distinct names got a MATCH or POSSIBLE_MATCH... */
        @WithDefault("10")
        int minDistinctHits();

        /** ...and at least this share of the organisation's checks had one (real screening hits almost never). */
        @WithDefault("0.05")
        double minHitShare();

        /** Flag a run of at least this many consecutive checks in alphabetical order of name, or in date order. */
        @WithDefault("50")
        int minRun();

        /** Flag one name checked with at least this many different dates of birth (guessing a registry person's). */
        @WithDefault("5")
        int minDatesPerName();
    }
}
