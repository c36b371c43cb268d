package org.qorgau.error;

/** HTTP 503: Service unavailable. */
public final class ServiceUnavailableException extends QorgauException {
    public ServiceUnavailableException(String detail) {
        super(503, "service-unavailable", "Service unavailable", detail);
    }
}
