package org.qorgau.error;

/** HTTP 401: Unauthorized. */
public final class UnauthorizedException extends QorgauException {
    public UnauthorizedException(String detail) {
        super(401, "unauthorized", "Unauthorized", detail);
    }
}
