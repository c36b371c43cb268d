package org.qorgau.screening;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.qorgau.common.BackgroundWork;
import org.qorgau.config.QorgauConfig;
import org.qorgau.matching.LayeredMatcher;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.registry.RegistryReader;

/**
 * This replica's in-memory matching index: a cache of the registry table. It is built in full at start; when
 * {@code registry_head.version} moves (polled, or a change committed here), the entries changed since the last full
 * build are read and indexed in a small delta index on top of it ({@link LayeredMatcher}), which takes well under a
 * second for thousands of entries. Once the delta holds more than {@code qorgau.index.max-delta} entries the full index
 * is rebuilt in the background (at once when the change is larger than a tenth of the registry). Every swap is one
 * volatile write of a snapshot naming one registry version; versions never go backwards, so a check sees exactly one
 * registry version and never a half-applied one.
 *
 * <p>A full {@code replace} import on this replica builds its version's full index while the import runs
 * ({@link ReplaceIndexBuilder}) and serves it at commit, before the import answers; meanwhile this index starts no
 * refresh of its own, which would only rebuild the same version in full a second time.
 *
 * <p>How a full or a delta index is read and built is {@link IndexBuilder}'s; this class decides when, and serves.
 *
 * <p>The index holds only what matching needs (ids, names, dates, photo hashes). The other fields of the few entries a
 * check reports are read from the registry history as of the snapshot's version ({@link RegistryReader#entriesAt}).
 */
@ApplicationScoped
public class MatchingIndex {

    private static final Logger LOG = Logger.getLogger(MatchingIndex.class);

    private final RegistryReader registry;
    private final MatcherFactory factory;
    private final IndexBuilder indexBuilder;
    private final int maxDelta;
    private final int maxReported; // the most entries one answer discloses: checks screen for no more

    private final BackgroundWork work;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> daemon(r, "matching-index-builder"));
    private final ExecutorService rebaser = Executors.newSingleThreadExecutor(r -> {
        Thread thread = daemon(r, "matching-index-rebuild");
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final AtomicBoolean building = new AtomicBoolean();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private final AtomicInteger preparing = new AtomicInteger();
    private final Object swap = new Object();
    private volatile RegistrySnapshot snapshot;
    private volatile IndexBuilder.Base base;
    private volatile String lastError;

    public MatchingIndex(RegistryReader registry, MatcherFactory factory, QorgauConfig config, BackgroundWork work) {
        this.registry = registry;
        this.work = work;
        this.factory = factory;
        this.indexBuilder = new IndexBuilder(registry, factory);
        this.maxDelta = config.index().maxDelta();
        this.maxReported = config.disclosure().maxEntries();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    void onStart(@Observes StartupEvent event) {
        refreshAsync();
    }

    /** A change committed on this replica: refresh now rather than at the next poll. */
    void onRegistryChanged(@Observes org.qorgau.registry.RegistryChanged event) {
        refreshAsync();
    }

    void onStop(@Observes ShutdownEvent event) {
        builder.shutdownNow();
        rebaser.shutdownNow();
    }

    /** The current snapshot, empty until the first build finished. */
    public Optional<RegistrySnapshot> current() {
        return Optional.ofNullable(snapshot);
    }

    /** Why the last build failed, or null. */
    public String lastError() {
        return lastError;
    }

    @Scheduled(every = "${qorgau.index.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        refreshAsync();
    }

    /** Starts a refresh unless one is running or the snapshot is current. */
    public void refreshAsync() {
        if (building.compareAndSet(false, true)) {
            builder.execute(() -> {
                try {
                    work.run(this::refresh);
                } finally {
                    building.set(false);
                }
            });
        }
    }

    /** Refreshes now, on the calling thread, if the registry moved; returns the snapshot in force afterwards. */
    public synchronized RegistrySnapshot refresh() {
        try {
            RegistrySnapshot current = snapshot;
            IndexBuilder.Base from = base;
            if (preparing.get() > 0 && current != null) {
                return current; // a replace's full index is being built: it supersedes any refresh started now
            }
            if (current != null && current.version() == registry.headVersion() && servedFrom(current, from)) {
                return current;
            }
            IndexBuilder.Delta delta = from == null ? null : indexBuilder.delta(from);
            if (delta != null && delta.hidden() > maxDelta) {
                rebuildInBackground();
            }
            RegistrySnapshot next = delta == null ? null : delta.snapshot();
            List<RegistryPerson> warmUp = current == null ? new ArrayList<>() : null;
            if (next == null) {
                IndexBuilder.Base full = indexBuilder.full(warmUp);
                rebase(full);
                next = new RegistrySnapshot(full.version(), full.matcher());
            }
            install(next);
            if (warmUp != null && !warmUp.isEmpty()) {
                warmUpInBackground(next.matcher(), warmUp);
            }
            lastError = null;
            return snapshot;
        } catch (SQLException | RuntimeException e) {
            String error = e.getClass().getSimpleName();
            if (!error.equals(lastError)) { // the poll retries every second: warn once per kind of failure
                LOG.warnf("Matching index refresh failed (%s); keeping the previous snapshot", error);
            }
            LOG.debug("Matching index refresh failed", e);
            lastError = error;
            return snapshot;
        }
    }

    /** Whether {@code current} is served from the newest full index (else a refresh re-layers it on that one). */
    private static boolean servedFrom(RegistrySnapshot current, IndexBuilder.Base from) {
        Matcher matcher = current.matcher() instanceof LayeredMatcher layered ? layered.base() : current.matcher();
        return from == null || matcher == from.matcher();
    }

    /** A replace's full index is being built on this replica; until {@link #preparedEnded} no refresh starts. */
    void preparing() {
        preparing.incrementAndGet();
    }

    /**
     * Serves {@code matcher}, a full index of registry {@code version} built from a replace import's file, unless a
     * newer version is in force; it becomes the base later deltas are layered on.
     */
    void installPrepared(long version, Matcher matcher) {
        rebase(new IndexBuilder.Base(version, matcher));
        install(new RegistrySnapshot(version, matcher));
        lastError = null;
    }

    /** The preparation announced by {@link #preparing} ended (served or dropped): refreshes resume. */
    void preparedEnded() {
        preparing.decrementAndGet();
        refreshAsync(); // versions committed meanwhile (or, if it was dropped, the replace itself) are picked up
    }

    /** Makes {@code full} the base for later deltas unless a full index of a newer version is the base already. */
    private void rebase(IndexBuilder.Base full) {
        synchronized (swap) {
            IndexBuilder.Base current = base;
            if (current == null || full.version() >= current.version()) {
                base = full;
            }
        }
    }

    /** Swaps {@code next} in unless a newer version is already in force. */
    private void install(RegistrySnapshot next) {
        synchronized (swap) {
            RegistrySnapshot current = snapshot;
            if (current == null
                    || next.version() > current.version()
                    || (next.version() == current.version() && !(next.matcher() instanceof LayeredMatcher))) {
                snapshot = next;
            }
        }
    }

    /** Rebuilds the full index on a low-priority thread, then serves it (unless a newer version is in force). */
    private void rebuildInBackground() {
        if (!rebuilding.compareAndSet(false, true)) {
            return;
        }
        rebaser.execute(() -> {
            try {
                work.run(this::rebuild);
            } finally {
                rebuilding.set(false);
            }
            refreshAsync(); // versions committed during the rebuild become a delta on the new base
        });
    }

    /**
     * The replica's first snapshot is served: warm the layered screening on it ({@link LayeredWarmUp}) beside the
     * first checks, on the background rebuild's low-priority thread, so that readiness does not wait for it.
     */
    private void warmUpInBackground(Matcher full, List<RegistryPerson> sample) {
        try {
            rebaser.execute(() -> {
                try {
                    LayeredWarmUp.run(factory, full, sample, maxReported);
                } catch (RuntimeException e) { // only slower first changes: never more than a warning
                    LOG.warnf("Matching index warm-up failed (%s)", e.getClass().getSimpleName());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) { // nothing to warm any more
        }
    }

    private void rebuild() {
        try {
            IndexBuilder.Base full = indexBuilder.full();
            rebase(full);
            install(new RegistrySnapshot(full.version(), full.matcher()));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Background rebuild of the matching index failed; serving the delta", e);
        }
    }

    /**
     * What changed in the registry after {@code since}, for re-screening people against the changed entries only.
     *
     * @param fromVersion the version the changes are counted from
     * @param toVersion the registry version the changes were read at
     * @param changed a matcher over the entries changed since, weighing names as served (a replace: the served index)
     * @param touched the ids of every entry added, changed or removed since
     * @param entries the entries added or changed since, as {@code changed} indexes them
     */
    public record Changes(
            long fromVersion, long toVersion, Matcher changed, Set<String> touched, List<RegistryPerson> entries) {}

    /**
     * The registry's changes after {@code since}, read in one snapshot (the same query as this index's delta); empty
     * until the index is first built. A matcher over the changed entries screens people against them alone.
     */
    public Optional<Changes> changesSince(long since) {
        RegistrySnapshot current = snapshot;
        if (current == null) {
            return Optional.empty();
        }
        Matcher weighing = current.matcher() instanceof LayeredMatcher layered ? layered.base() : current.matcher();
        try {
            RegistryReader.Changes changes = registry.changesSince(since);
            boolean replace = weighing == current.matcher() && changes.hidden().size() * 10L > weighing.size();
            Matcher changed = replace && current.version() == changes.version()
                    ? weighing
                    : factory.buildDelta(changes.changed(), weighing);
            return Optional.of(new Changes(
                    since, changes.version(), changed, Set.copyOf(changes.hidden()), List.copyOf(changes.changed())));
        } catch (SQLException e) {
            throw new IllegalStateException("registry changes could not be read", e);
        }
    }
}
