package org.qorgau.error;

/** HTTP 409: Conflict. */
public final class ConflictException extends QorgauException {
    public ConflictException(String detail) {
        super(409, "conflict", "Conflict", detail);
    }
}
