package org.qorgau.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qorgau.registry.api.RegistryEntry;

/**
 * The cache of entries as of a version ({@link EntriesAtVersion}): keyed by entry and version, absences cached too,
 * bounded (least recently used out), off at size 0, and its entries shared read-only. Its reader here is a map of
 * versions, the history as the registry keeps it; that reads are all it saves is what the assertions count.
 */
class EntriesAtVersionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private double lookups(String result) {
        return meters.get(EntriesAtVersion.LOOKUPS_METRIC)
                .tag("result", result)
                .counter()
                .count();
    }

    /** A registry history: what each id was at each version it changed; the reads it answered, in order. */
    private static final class History implements EntriesAtVersion.Reader {
        final Map<Long, Map<String, RegistryEntry>> versions = new HashMap<>();
        final List<List<String>> reads = new ArrayList<>();

        @Override
        public Map<String, RegistryEntry> entriesAt(long version, Collection<String> ids) {
            reads.add(List.copyOf(ids));
            Map<String, RegistryEntry> found = new HashMap<>();
            for (String id : ids) {
                for (long v = version; v >= 0; v--) {
                    Map<String, RegistryEntry> at = versions.get(v);
                    if (at != null && at.containsKey(id)) {
                        if (at.get(id) != null) { // null: removed at v
                            found.put(id, at.get(id));
                        }
                        break;
                    }
                }
            }
            return found;
        }

        void put(long version, String id, RegistryEntry entry) {
            versions.computeIfAbsent(version, v -> new HashMap<>()).put(id, entry);
        }
    }

    private static RegistryEntry entry(String id, String offence) {
        return new RegistryEntry(
                id,
                "Test Person",
                new ArrayList<>(List.of("T. Person")),
                "1980-01-01",
                null,
                offence,
                null,
                null,
                null);
    }

    @Test
    void shouldReadEachEntryOfAVersionOnceAndEachVersionApart() throws Exception {
        History history = new History();
        history.put(1, "A", entry("A", "UK RK 120"));
        history.put(1, "B", entry("B", "UK RK 121"));
        history.put(2, "A", entry("A", "UK RK 122")); // A changed at version 2
        EntriesAtVersion cache = new EntriesAtVersion(history, 100, meters);

        assertEquals("UK RK 120", cache.entriesAt(1, List.of("A", "B")).get("A").offence());
        assertEquals("UK RK 121", cache.entriesAt(1, List.of("B", "A")).get("B").offence());
        assertEquals(List.of(List.of("A", "B")), history.reads, "the second look-up is answered from memory");

        // another version is another key: read once, with the entry as it was then
        assertEquals("UK RK 122", cache.entriesAt(2, List.of("A")).get("A").offence());
        assertEquals("UK RK 120", cache.entriesAt(1, List.of("A")).get("A").offence());
        assertEquals(List.of(List.of("A", "B"), List.of("A")), history.reads);

        // only the ids not cached are read
        history.put(2, "C", entry("C", "UK RK 123"));
        assertEquals(3, cache.entriesAt(2, List.of("A", "B", "C")).size());
        assertEquals(List.of("B", "C"), history.reads.get(2));
        assertEquals(4, lookups("hit"), "B and A at 1, A at 1 again, A at 2");
        assertEquals(5, lookups("miss"), "A and B at 1, A at 2, B and C at 2");
    }

    @Test
    void shouldCacheAnEntryAbsentAtAVersionAsAbsent() throws Exception {
        History history = new History();
        history.put(1, "A", entry("A", "UK RK 120"));
        history.put(2, "A", null); // removed at version 2
        EntriesAtVersion cache = new EntriesAtVersion(history, 100, meters);

        assertEquals(Map.of(), cache.entriesAt(2, List.of("A", "unknown")));
        assertEquals(Map.of(), cache.entriesAt(2, List.of("unknown", "A")));
        assertEquals(1, history.reads.size(), "an absence is as final as an entry");
        assertEquals("UK RK 120", cache.entriesAt(1, List.of("A")).get("A").offence());
        assertEquals(3, cache.size(), "A at versions 1 and 2, the unknown id at 2");
    }

    @Test
    void shouldKeepAtMostItsSizeDroppingTheLeastRecentlyUsed() throws Exception {
        History history = new History();
        for (String id : List.of("A", "B", "C")) {
            history.put(1, id, entry(id, "UK RK 120"));
        }
        EntriesAtVersion cache = new EntriesAtVersion(history, 2, meters);
        cache.entriesAt(1, List.of("A"));
        cache.entriesAt(1, List.of("B"));
        cache.entriesAt(1, List.of("A")); // A used last: B is now the least recently used
        cache.entriesAt(1, List.of("C"));
        assertEquals(2, cache.size());
        int reads = history.reads.size();
        cache.entriesAt(1, List.of("A", "C"));
        assertEquals(reads, history.reads.size(), "A and C stayed");
        cache.entriesAt(1, List.of("B"));
        assertEquals(List.of("B"), history.reads.get(reads), "B was dropped and is read again");
    }

    @Test
    void shouldReadEveryTimeAtSizeZero() throws Exception {
        History history = new History();
        history.put(1, "A", entry("A", "UK RK 120"));
        EntriesAtVersion cache = new EntriesAtVersion(history, 0, meters);
        cache.entriesAt(1, List.of("A"));
        cache.entriesAt(1, List.of("A"));
        assertEquals(2, history.reads.size());
        assertEquals(0, cache.size());
        assertEquals(2, lookups("miss"));
        assertEquals(0, lookups("hit"));
    }

    @Test
    void shouldShareCachedEntriesReadOnly() throws Exception {
        History history = new History();
        history.put(1, "A", entry("A", "UK RK 120"));
        EntriesAtVersion cache = new EntriesAtVersion(history, 10, meters);
        RegistryEntry first = cache.entriesAt(1, List.of("A")).get("A");
        RegistryEntry again = cache.entriesAt(1, List.of("A")).get("A");
        assertEquals(List.of("T. Person"), again.aliases());
        assertThrows(UnsupportedOperationException.class, () -> first.aliases().add("changed"));
    }
}
