package org.qorgau.screening;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qorgau.config.QorgauConfig;
import org.qorgau.registry.RegistryReader;
import org.qorgau.registry.api.RegistryEntry;

/**
 * The registry entries as they were at a version, for the answers of checks: a bounded least-recently-used cache in
 * front of the registry history. What an entry was at a committed version never changes afterwards: the history is
 * only ever appended to, and every registry change takes the next version under the registry head's row lock, so no
 * row at or below a committed version can appear later. A cached entry (or a cached absence: removed, or not yet
 * added, at that version) is therefore never stale; only memory bounds the cache. Thread-safe; one short lock per
 * look-up and per fill.
 */
@ApplicationScoped
class EntriesAtVersion {

    /** Reads the entries of {@code ids} as of {@code version}; an id absent then is absent from the map. */
    @FunctionalInterface
    interface Reader {
        Map<String, RegistryEntry> entriesAt(long version, Collection<String> ids) throws SQLException;
    }

    private record Key(String externalId, long version) {}

    /** Per entry looked up: found in memory (hit) or read from the registry history (miss, or the cache is off). */
    static final String LOOKUPS_METRIC = "qorgau.index.entry.cache.lookups";

    private final Reader reader;
    private final int maxSize;
    private final Map<Key, Optional<RegistryEntry>> cached;
    private final Counter hits;
    private final Counter misses;

    @Inject
    EntriesAtVersion(RegistryReader registry, QorgauConfig config, MeterRegistry meters) {
        this(registry::entriesAt, config.index().entryCacheSize(), meters);
    }

    EntriesAtVersion(Reader reader, int maxSize, MeterRegistry meters) {
        this.reader = reader;
        this.maxSize = maxSize;
        this.hits = lookups(meters, "hit");
        this.misses = lookups(meters, "miss");
        this.cached = new LinkedHashMap<>(Math.min(Math.max(maxSize, 16), 4096), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Optional<RegistryEntry>> eldest) {
                return size() > EntriesAtVersion.this.maxSize;
            }
        };
    }

    /** The entries of {@code ids} as of {@code version}: those not cached read in one query, then cached. */
    Map<String, RegistryEntry> entriesAt(long version, Collection<String> ids) throws SQLException {
        if (maxSize <= 0) {
            misses.increment(ids.size());
            return reader.entriesAt(version, ids);
        }
        Map<String, RegistryEntry> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (cached) {
            for (String id : ids) {
                Optional<RegistryEntry> entry = cached.get(new Key(id, version));
                if (entry == null) {
                    missing.add(id);
                } else {
                    entry.ifPresent(e -> found.put(id, e));
                }
            }
        }
        hits.increment(ids.size() - missing.size());
        if (missing.isEmpty()) {
            return found;
        }
        misses.increment(missing.size());
        Map<String, RegistryEntry> read = new HashMap<>();
        reader.entriesAt(version, missing).forEach((id, entry) -> read.put(id, frozen(entry)));
        found.putAll(read);
        synchronized (cached) {
            for (String id : missing) {
                cached.put(new Key(id, version), Optional.ofNullable(read.get(id)));
            }
        }
        return found;
    }

    private static Counter lookups(MeterRegistry meters, String result) {
        return Counter.builder(LOOKUPS_METRIC)
                .description("Registry entries looked up for the answers of checks, by whether the replica's cache held"
                        + " them (qorgau.index.entry-cache-size)")
                .tag("result", result)
                .register(meters);
    }

    /** {@code entry} with lists nobody can change: one instance is shared by every check that reports it. */
    private static RegistryEntry frozen(RegistryEntry entry) {
        return new RegistryEntry(
                entry.externalId(),
                entry.fullName(),
                entry.aliases() == null ? null : Collections.unmodifiableList(new ArrayList<>(entry.aliases())),
                entry.dateOfBirth(),
                entry.photoHashes() == null ? null : Collections.unmodifiableList(new ArrayList<>(entry.photoHashes())),
                entry.offence(),
                entry.convictionDate(),
                entry.region(),
                entry.sourceUrl());
    }

    /** How many entries (and absences) are cached. */
    int size() {
        synchronized (cached) {
            return cached.size();
        }
    }
}
