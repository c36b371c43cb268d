package org.qorgau.config;

import io.smallrye.config.WithDefault;
import java.util.Map;

/** Check rate limits per organisation and per token subject ({@code qorgau.quota.*}). */
public interface QuotaConfig {
    /** Checks one organisation may run per minute across all replicas (a batch counts each item); 0 = unlimited. */
    @WithDefault("1200")
    int checksPerMinute();

    /** Per-organisation overrides of {@code checks-per-minute}, e.g. {@code qorgau.quota.per-org.big-school=5000}. */
    Map<String, Integer> perOrg();

    /**
     * Checks one token subject ({@code sub}, within its organisation) may run per minute across all replicas, so
     * one stolen or scripted account cannot use the whole organisation's allowance; 0 = unlimited. At least
     * {@code qorgau.batch.max-items}, so one full batch fits.
     */
    @WithDefault("600")
    int checksPerMinutePerSubject();
}
