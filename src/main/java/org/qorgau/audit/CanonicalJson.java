package org.qorgau.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Moved to {@link org.qorgau.common.CanonicalJson}: it serves every package, not only the audit log. This forwarder
 * keeps code written against the old place compiling until it is updated.
 */
@Deprecated(forRemoval = true)
public final class CanonicalJson {

    private CanonicalJson() {}

    public static String encode(Object value) {
        return org.qorgau.common.CanonicalJson.encode(value);
    }

    public static JsonNode parse(String json) {
        return org.qorgau.common.CanonicalJson.parse(json);
    }

    public static String sha256Hex(String text) {
        return org.qorgau.common.CanonicalJson.sha256Hex(text);
    }
}
