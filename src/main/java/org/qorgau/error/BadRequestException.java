package org.qorgau.error;

/** HTTP 400: Bad request. */
public final class BadRequestException extends QorgauException {
    public BadRequestException(String detail) {
        super(400, "bad-request", "Bad request", detail);
    }
}
