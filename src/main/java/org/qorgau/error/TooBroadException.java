package org.qorgau.error;

import java.util.Map;

/**
 * HTTP 422 {@code too-broad}: a check matched more registry entries than one answer may disclose. Nothing is
 * disclosed; the screener is asked for the evidence that narrows it to one person (the full date of birth, the name as
 * on the identity document).
 */
public final class TooBroadException extends QorgauException {

    private final int maxEntries;

    public TooBroadException(String detail, int maxEntries) {
        super(422, "too-broad", "Too broad to screen", detail);
        this.maxEntries = maxEntries;
    }

    @Override
    public Map<String, Long> counts() {
        return Map.of("maxEntries", (long) maxEntries);
    }
}
