package org.qorgau.error;

import java.util.Map;

/** HTTP 429: a quota is used up; {@code Retry-After} says when to come back. */
public final class TooManyRequestsException extends QorgauException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(String detail, long retryAfterSeconds) {
        super(429, "too-many-requests", "Too many requests", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
