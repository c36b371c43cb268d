package org.qorgau.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void shouldBeVersion7WithTheIetfVariantAndTheTimeInItsFirst48Bits() {
        Instant at = Instant.parse("2026-12-02T14:03:07.123Z");
        UUID id = TimeOrderedIds.at(at);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(at.toEpochMilli(), id.getMostSignificantBits() >>> 16);
        // the text form: the first 12 hex digits are the milliseconds, then the version digit
        assertEquals(
                String.format("%012x", at.toEpochMilli()),
                id.toString().replace("-", "").substring(0, 12));
        assertEquals('7', id.toString().charAt(14));
    }

    @Test
    void shouldSortLaterIdsAfterEarlierOnesAsPostgresqlComparesThem() {
        Instant t = Instant.parse("2026-12-02T14:03:07.123Z");
        for (int i = 0; i < 1000; i++) {
            UUID earlier = TimeOrderedIds.at(t.plusMillis(i));
            UUID later = TimeOrderedIds.at(t.plusMillis(i + 1));
            // PostgreSQL orders uuid values by their bytes, which is the text form's order
            assertTrue(earlier.toString().compareTo(later.toString()) < 0, earlier + " before " + later);
        }
    }

    @Test
    void shouldDifferWithinOneMillisecond() {
        Instant t = Instant.parse("2026-12-02T14:03:07.123Z");
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.at(t));
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void shouldHoldTheEpochAndRefuseTimesOutside48Bits() {
        UUID epoch = TimeOrderedIds.at(Instant.EPOCH);
        assertEquals(0, epoch.getMostSignificantBits() >>> 16);
        assertEquals(7, epoch.version());
        assertThrows(IllegalArgumentException.class, () -> TimeOrderedIds.at(Instant.EPOCH.minusMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> TimeOrderedIds.at(Instant.ofEpochMilli(1L << 48)));
    }
}
