package org.qorgau.error;

import java.util.Map;

/** HTTP 409: Conflict. */
public final class ConflictException extends QorgauException {

    private final Map<String, Long> counts;

    public ConflictException(String detail) {
        this(detail, Map.of());
    }

    /** A conflict whose answer carries the counts behind it (e.g. what a refused replace would remove). */
    public ConflictException(String detail, Map<String, Long> counts) {
        super(409, "conflict", "Conflict", detail);
        this.counts = counts;
    }

    @Override
    public Map<String, Long> counts() {
        return counts;
    }
}
