package org.qorgau.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Webhook delivery ({@code qorgau.webhook.*}; environment {@code QORGAU_WEBHOOK_*}). */
@ConfigMapping(prefix = "qorgau.webhook")
public interface WebhookConfig {

    /**
     * {@code QORGAU_WEBHOOK_ALLOW_PRIVATE}: allow plain {@code http} and loopback, private and link-local addresses for
     * endpoints (tests, on-premises installations). Off: only {@code https} to public addresses, checked at
     * registration and again before every delivery.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /**
     * Waits before each retry after a failed attempt (the first attempt is immediate); after the last the delivery is
     * FAILED. Each wait is varied by {@code jitter} and lengthened to the receiver's {@code Retry-After}.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,24h")
    List<Duration> retrySchedule();

    /** Share by which each retry wait is varied at random, up or down (0.2 = ±20 %). */
    @WithDefault("0.2")
    double jitter();

    /** The longest {@code Retry-After} honoured. */
    @WithDefault("24h")
    Duration maxRetryAfter();

    /** Longest an attempt may take, connection and answer included. */
    @WithDefault("15s")
    Duration timeout();

    /** How often each replica looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries one replica claims at a time (and sends in parallel). */
    @WithDefault("16")
    int claimBatch();

    /**
     * How long a claimed delivery is held by the replica sending it; longer than {@code timeout}. A replica that dies
     * mid-delivery leaves it to another after this (at least once: the receiver may see the same webhook-id twice).
     */
    @WithDefault("60s")
    Duration claimLease();

    /** After a secret rotation, deliveries are signed with the previous secret too for this long. */
    @WithDefault("24h")
    Duration previousSecretOverlap();

    /**
     * The key endpoints' signing secrets are encrypted with at rest (AES-256-GCM), base64 of 32 bytes
     * ({@code QORGAU_WEBHOOK_SECRET_KEY}); the same on every replica. Unset: a key generated once into
     * {@code $QORGAU_DATA_DIR/keys/webhook-secret-key} (development).
     */
    java.util.Optional<String> secretKey();

    /** Id of the current key, stored with every secret encrypted under it ({@code QORGAU_WEBHOOK_SECRET_KEY_ID}). */
    @WithDefault("1")
    String secretKeyId();

    /**
     * Retired keys by id ({@code qorgau.webhook.previous-secret-keys.<id>}): secrets still encrypted under them open,
     * and are re-encrypted under the current key at the next start.
     */
    java.util.Map<String, String> previousSecretKeys();
}
