package org.qorgau.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Qorgau's own settings ({@code qorgau.*}; environment {@code QORGAU_*}): the top-level keys here, each group of keys
 * in its own interface ({@code qorgau.audit.*} in {@link AuditConfig}, and so on).
 */
@ConfigMapping(prefix = "qorgau")
public interface QorgauConfig {

    /** Embedded PostgreSQL data ({@code pg/}) and development keys ({@code keys/}). */
    @WithDefault("./data")
    String dataDir();

    HttpConfig http();

    RegistryConfig registry();

    IndexConfig index();

    MatchingConfig matching();

    AuditConfig audit();

    QuotaConfig quota();

    UsageConfig usage();

    BatchConfig batch();

    PhotoConfig photo();

    DisclosureConfig disclosure();

    CandidateKeyConfig candidateKey();

    /**
     * Refuse to start in the {@code prod} profile with the development signing keys or the embedded database
     * ({@code QORGAU_REQUIRE_PRODUCTION_SETUP}); when false, the service starts and logs a warning instead.
     */
    @WithDefault("false")
    boolean requireProductionSetup();
}
