package org.qorgau.error;

import java.util.Map;

/**
 * HTTP 503: Service unavailable — the database is down, too slow or out of connections, or the index is loading.
 * Nothing was done; {@code Retry-After} suggests when to try again.
 */
public final class ServiceUnavailableException extends QorgauException {

    /** Seconds a client should wait before retrying: about one database restart or pool turnover. */
    static final String RETRY_AFTER_SECONDS = "5";

    public ServiceUnavailableException(String detail) {
        super(503, "service-unavailable", "Service unavailable", detail);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", RETRY_AFTER_SECONDS);
    }
}
