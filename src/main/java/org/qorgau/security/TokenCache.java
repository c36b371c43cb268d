package org.qorgau.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens already verified, by the SHA-256 of the token (the token itself is not kept): a bounded
 * least-recently-used map whose entries expire at the token's own {@code exp} or after {@code ttl}, whichever comes
 * first. Holds nothing a client can choose beyond a verified token: a token that failed verification is never stored.
 * Thread-safe; one short lock per look-up.
 */
public final class TokenCache {

    private record Entry(JsonWebToken token, long expiresAtMillis) {}

    private final int maxSize;
    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public TokenCache(int maxSize, long ttlMillis, Clock clock) {
        this.maxSize = maxSize;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(Math.min(Math.max(maxSize, 16), 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > TokenCache.this.maxSize;
            }
        };
    }

    public boolean enabled() {
        return maxSize > 0 && ttlMillis > 0;
    }

    /** The verified token cached under {@code key}, or null when absent or expired (an expired one is dropped). */
    public JsonWebToken get(String key) {
        if (!enabled()) {
            return null;
        }
        long now = clock.millis();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (now >= entry.expiresAtMillis) {
                entries.remove(key);
                return null;
            }
            return entry.token;
        }
    }

    /** Keeps a token that has just been verified, until its {@code exp} or the time to live, whichever is first. */
    public void put(String key, JsonWebToken token) {
        if (!enabled()) {
            return;
        }
        long now = clock.millis();
        long expiresAt = now + ttlMillis;
        long exp = token.getExpirationTime(); // seconds; 0 when absent (such tokens are refused before they get here)
        if (exp > 0) {
            expiresAt = Math.min(expiresAt, exp * 1000);
        }
        if (expiresAt <= now) {
            return;
        }
        synchronized (entries) {
            entries.put(key, new Entry(token, expiresAt));
        }
    }

    /** Drops every cached token (the verification keys changed). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The cache key of a token: its SHA-256, so the cache never holds a usable credential. */
    public static String keyOf(String token) {
        // digest() resets the digest for the thread's next token
        byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
        return new String(java.util.Base64.getEncoder().encode(digest), StandardCharsets.US_ASCII);
    }

    /** One digest per thread (the HTTP event loops, a few workers) instead of a provider look-up per request. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
