package org.qorgau.monitoring;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;
import org.qorgau.common.BackgroundWork;
import org.qorgau.config.MonitoringConfig;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.screening.RegistrySnapshot;
import org.qorgau.security.Caller;

/**
 * Re-screens enrolled people when the registry changes, in two steps that any replica may take:
 *
 * <ol>
 *   <li><b>Who is affected.</b> The replica holding the cursor's lease reads the entries changed since the cursor (the
 *       matching index's delta query), rules out, with the engine's own candidate stage and quick
 *       rejection ({@link AffectedPeople}), the people no changed entry can match, screens the others against those
 *       entries, and
 *       marks due the people who match one or whose last check matched a changed or removed entry. Everyone else is
 *       known to be unaffected: the rest of the registry did not change, and the engine never compares a person with
 *       an entry it cannot retrieve. When the engine version changes, everyone is due.
 *   <li><b>Re-screen.</b> Due people are claimed in small batches ({@code FOR UPDATE SKIP LOCKED}, with a lease a dead
 *       replica's claims lapse from) and each is re-screened through {@code CheckService.perform} with purpose
 *       PERIODIC_RESCREEN: an ordinary audited check with its registry and engine version. The idempotency key names
 *       the person and the due version, so a re-screen repeated after a crash replays the same check.
 * </ol>
 */
@ApplicationScoped
public class Rescreener {

    private static final Logger LOG = Logger.getLogger(Rescreener.class);

    /** The actor of re-screens in the audit log: the service itself, acting for the person's organisation. */
    public static final String SUBJECT = "qorgau-monitoring";

    private static final Duration REDACTION_INTERVAL = Duration.ofHours(1);

    private final MatchingIndex index;
    private final RescreenStore store;
    private final MonitoringConfig config;
    private final AffectedPeople affected;
    private final RescreenGroups groups;
    private final BackgroundWork work;
    private final String owner = UUID.randomUUID().toString();
    private final ExecutorService pool;
    /** Records a checked group while the next is checked. */
    private final ExecutorService recorder;

    private volatile Instant lastRedaction = Instant.EPOCH;
    private volatile String lastError;

    public Rescreener(
            MatchingIndex index,
            RescreenStore store,
            MonitoringConfig config,
            AffectedPeople affected,
            RescreenGroups groups,
            BackgroundWork work) {
        this.groups = groups;
        this.work = work;
        this.index = index;
        this.store = store;
        this.config = config;
        this.affected = affected;
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.rescreenThreads()), r -> {
            Thread thread = new Thread(r, "monitoring-rescreen");
            thread.setDaemon(true);
            return thread;
        });
        this.recorder = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "monitoring-record");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
        recorder.shutdownNow();
    }

    @Scheduled(
            every = "${qorgau.monitoring.poll-interval:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work.run(this::round);
    }

    private void round() {
        try {
            findAffected();
            rescreenDue();
            redactIfDue();
            lastError = null;
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName();
            if (!error.equals(lastError)) { // runs every second: warn once per kind of failure
                LOG.warnf("Monitoring re-screen round failed (%s); retrying", error);
            }
            LOG.debug("Monitoring re-screen round failed", e);
            lastError = error;
        }
    }

    /** Step 1: turns the registry changes after the cursor into due re-screens; returns the people found due. */
    int findAffected() {
        RegistrySnapshot snapshot = index.current().orElse(null);
        if (snapshot == null) {
            return 0;
        }
        String engine = snapshot.engineVersion();
        Instant now = Instant.now();
        RescreenStore.Lease lease =
                store.leaseCursor(owner, now, now.plus(config.claimLease())).orElse(null);
        if (lease == null) {
            return 0;
        }
        if (lease.engineVersion() != null && !lease.engineVersion().equals(engine)) {
            // another engine or parameter set answers differently anywhere: everyone is re-screened in full
            LOG.infof(
                    "Engine changed from %s to %s: every monitored person is due for a re-screen",
                    lease.engineVersion(), engine);
            store.advance(owner, snapshot.version(), engine, true, List.of(), List.of());
            return -1;
        }
        // The people screened before the served version: loaded once, and again below only if the changes read end at
        // another version.
        List<MonitoredPerson.Probe> screenedBefore = lease.registryVersion() < snapshot.version()
                ? store.activeScreenedBefore(snapshot.version())
                : List.of();
        if (lease.registryVersion() < snapshot.version() && screenedBefore.isEmpty()) {
            // Nobody was screened before this version, so no change since the cursor can concern anyone: move on
            // without reading the changes. After a 1,000,000-entry import they are the whole registry, and indexing
            // them would hold a second full index and take cores from the checks.
            store.advance(owner, snapshot.version(), engine, false, List.of(), List.of());
            return 0;
        }
        MatchingIndex.Changes changes = lease.registryVersion() < snapshot.version()
                ? index.changesSince(lease.registryVersion()).orElse(null)
                : null;
        if (changes == null || changes.toVersion() <= lease.registryVersion()) {
            store.advance(owner, lease.registryVersion(), engine, false, List.of(), List.of());
            return 0;
        }
        long started = System.nanoTime();
        List<MonitoredPerson.Probe> people = changes.toVersion() == snapshot.version()
                ? screenedBefore
                : store.activeScreenedBefore(changes.toVersion());
        long loaded = System.nanoTime();
        AffectedPeople.Found found = affected.find(people, changes);
        long screened = System.nanoTime();
        if (!store.advance(owner, changes.toVersion(), engine, false, found.due(), found.unaffected())) {
            return 0;
        }
        LOG.infof(
                "Registry version %d: %d of %d monitored people are due for a re-screen (%d entries changed since"
                        + " version %d; %d people could match one and were screened against them; loaded in %d ms,"
                        + " found in %d ms, recorded in %d ms)",
                changes.toVersion(),
                found.due().size(),
                people.size(),
                changes.touched().size(),
                changes.fromVersion(),
                found.screened(),
                (loaded - started) / 1_000_000,
                (screened - loaded) / 1_000_000,
                (System.nanoTime() - screened) / 1_000_000);
        return found.due().size();
    }

    /**
     * Step 2: re-screens due people this replica's index can serve, a claimed group at a time: the group's people are
     * read in one query, checked on the re-screen threads (each an audited check, committed through the audit log's
     * group commit), and the group's outcomes recorded in one transaction on the recording thread while the next group
     * is claimed and checked (one group's record in flight at a time).
     */
    int rescreenDue() {
        RegistrySnapshot snapshot = index.current().orElse(null);
        if (snapshot == null) {
            return 0;
        }
        int done = 0;
        Future<Integer> recording = null;
        long deadline = System.nanoTime() + config.claimLease().toNanos() / 2;
        try {
            while (System.nanoTime() < deadline && !work.stopping()) {
                List<Object[]> claimed = store.claimDue(
                        snapshot.version(), Instant.now().plus(config.claimLease()), config.claimBatch());
                if (claimed.isEmpty()) {
                    break;
                }
                RescreenGroups.Checked checked = groups.check(claimed, pool);
                done += checked.settled() + recorded(recording);
                recording = recorder.submit(() -> groups.record(checked.rescreened()));
            }
            return done + recorded(recording);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done;
        }
    }

    /** Waits for a group's record (none: 0); returns how many re-screens it recorded. */
    private static int recorded(Future<Integer> recording) throws InterruptedException {
        if (recording == null) {
            return 0;
        }
        try {
            return recording.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    static Caller actor(String org) {
        return new Caller(SUBJECT, org, Set.of());
    }

    private void redactIfDue() {
        Instant now = Instant.now();
        if (Duration.between(lastRedaction, now).compareTo(REDACTION_INTERVAL) < 0) {
            return;
        }
        lastRedaction = now;
        int redacted = store.redactEndedBefore(now.minus(config.retention()), now);
        if (redacted > 0) {
            LOG.infof("Redacted the personal fields of %d people unenrolled before the retention period", redacted);
        }
    }
}
