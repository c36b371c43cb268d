package org.qorgau.error;

/** HTTP 404: Not found. */
public final class NotFoundException extends QorgauException {
    public NotFoundException(String detail) {
        super(404, "not-found", "Not found", detail);
    }
}
