package org.qorgau.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The cache of verified bearer tokens ({@code qorgau.token-cache.*}; environment {@code QORGAU_TOKEN_CACHE_*}). */
@ConfigMapping(prefix = "qorgau.token-cache")
public interface TokenCacheConfig {

    /** Most tokens kept verified at once; the least recently used goes first. 0 turns the cache off. */
    @WithDefault("10000")
    int maxSize();

    /**
     * Longest a verified token is trusted without verifying it again (never past its own {@code exp}). Bounds how long
     * a key removed from a JWKS endpoint keeps working for tokens already seen.
     */
    @WithDefault("60s")
    Duration ttl();

    /**
     * How often, at most, a local verification key file ({@code mp.jwt.verify.publickey.location}) is looked at for a
     * change; a changed file drops every cached token and the new keys verify from then on.
     */
    @WithDefault("1s")
    Duration keyCheckInterval();
}
