package org.qorgau.screening.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.qorgau.error.ValidationException;
import org.qorgau.screening.CheckService;

/**
 * The cursor of the check list and of the review queue: the last item's time and id, opaque to clients (URL-safe
 * Base64). A cursor this service did not issue is refused as invalid input.
 */
public final class CheckCursors {

    private CheckCursors() {}

    public static String encode(CheckService.CheckCursor cursor) {
        String raw = cursor.createdAt() + "|" + cursor.checkId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static CheckService.CheckCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new CheckService.CheckCursor(
                    Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new ValidationException("cursor", "cursor is not one this service issued");
        }
    }
}
