package org.qorgau.screening;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.qorgau.matching.LayeredMatcher;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.registry.RegistryReader;

/**
 * How {@link MatchingIndex} builds its indexes from the registry table: a full index of every entry, or a delta index
 * of what changed since a full one. The index decides when to build and swaps what was built in; this class reads and
 * builds, nothing more, on whichever thread calls it.
 */
final class IndexBuilder {

    // the index's log category, which operators already filter on
    private static final Logger LOG = Logger.getLogger(MatchingIndex.class);

    /** A full index and the registry version it was built from. */
    record Base(long version, Matcher matcher) {}

    /**
     * A snapshot served from a full index plus a delta, and how many of the base's entries the delta replaces or
     * removes (past {@code qorgau.index.max-delta} the full index is rebuilt).
     */
    record Delta(RegistrySnapshot snapshot, int hidden) {}

    private final RegistryReader registry;
    private final MatcherFactory factory;

    IndexBuilder(RegistryReader registry, MatcherFactory factory) {
        this.registry = registry;
        this.factory = factory;
    }

    /** Reads every entry and builds a full index, in one REPEATABLE READ snapshot so version and content agree. */
    Base full() throws SQLException {
        return full(null);
    }

    /**
     * As {@link #full()}; with {@code sample} not null also adds to it up to {@link LayeredWarmUp#SAMPLE} of the
     * entries, spread over the registry, for {@link LayeredWarmUp}.
     */
    Base full(List<RegistryPerson> sample) throws SQLException {
        long started = System.nanoTime();
        RegistryReader.Everything everything = registry.everything();
        long loaded = System.nanoTime();
        Matcher matcher = factory.build(everything.people());
        LOG.infof(
                "Matching index at registry version %d: %d entries, loaded in %d ms, built in %d ms",
                everything.version(),
                everything.people().size(),
                (loaded - started) / 1_000_000,
                (System.nanoTime() - loaded) / 1_000_000);
        if (sample != null) {
            sample.addAll(LayeredWarmUp.sample(everything.people()));
        }
        return new Base(everything.version(), matcher);
    }

    /**
     * The head version served as {@code from} plus a delta index of what changed since, or null when the change is too
     * large for a delta (a full build is due).
     */
    Delta delta(Base from) throws SQLException {
        long started = System.nanoTime();
        RegistryReader.Changes changes = registry.changesSince(from.version());
        long version = changes.version();
        List<RegistryPerson> changed = changes.changed();
        Set<String> hidden = changes.hidden();
        if (version == from.version() && hidden.isEmpty()) {
            return new Delta(new RegistrySnapshot(version, from.matcher()), 0);
        }
        if (hidden.size() * 10L > Math.max(from.matcher().size(), 1)) {
            return null; // a large change: rebuild in full now
        }
        Matcher delta = factory.buildDelta(changed, from.matcher());
        LOG.infof(
                "Matching index at registry version %d: %d entries changed and %d removed since version %d,"
                        + " delta index built in %d ms",
                version,
                changed.size(),
                hidden.size() - changed.size(),
                from.version(),
                (System.nanoTime() - started) / 1_000_000);
        return new Delta(
                new RegistrySnapshot(version, new LayeredMatcher(from.matcher(), delta, hidden, changes.size())),
                hidden.size());
    }
}
