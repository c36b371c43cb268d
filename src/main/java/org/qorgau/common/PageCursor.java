package org.qorgau.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;

/**
 * The opaque {@code cursor} of the lists ordered by time and id (monitored people, alerts, webhook deliveries): the
 * last item's time and id, base64url; with the path-id and {@code limit} checks those lists share.
 */
public record PageCursor(Instant at, UUID id) {

    public static String encode(Instant at, UUID id) {
        if (at == null) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        if (cursor == null) {
            return new PageCursor(null, null);
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new PageCursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "cursor is not one this service issued");
        }
    }

    public static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such " + what + ".");
        }
    }

    public static void checkLimit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new ValidationException("limit", "limit must be between 1 and 500");
        }
    }
}
