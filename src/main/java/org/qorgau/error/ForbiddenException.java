package org.qorgau.error;

/** HTTP 403: Forbidden. */
public final class ForbiddenException extends QorgauException {
    public ForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail);
    }
}
