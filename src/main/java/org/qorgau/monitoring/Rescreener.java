package org.qorgau.monitoring;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.OptimisticLockException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.qorgau.config.MonitoringConfig;
import org.qorgau.error.QorgauException;
import org.qorgau.error.TooBroadException;
import org.qorgau.screening.CheckService;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.screening.RegistrySnapshot;
import org.qorgau.screening.api.CandidateInput;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.screening.api.CheckResponse;
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
 *       replica's claims lapse from) and each is re-screened through {@link CheckService#perform} with purpose
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
    private final MonitoringStore store;
    private final MonitoringService service;
    private final CheckService checks;
    private final MonitoringConfig config;
    private final AffectedPeople affected;
    private final String owner = UUID.randomUUID().toString();
    private final ExecutorService pool;
    private volatile Instant lastRedaction = Instant.EPOCH;
    private volatile String lastError;

    public Rescreener(
            MatchingIndex index,
            MonitoringStore store,
            MonitoringService service,
            CheckService checks,
            MonitoringConfig config,
            AffectedPeople affected) {
        this.index = index;
        this.store = store;
        this.service = service;
        this.checks = checks;
        this.config = config;
        this.affected = affected;
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.rescreenThreads()), r -> {
            Thread thread = new Thread(r, "monitoring-rescreen");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }

    @Scheduled(
            every = "${qorgau.monitoring.poll-interval:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
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
        String engine = snapshot.matcher().engineVersion();
        Instant now = Instant.now();
        MonitoringStore.Lease lease =
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
     * Step 2: re-screens due people this replica's index can serve, a claimed batch at a time: the batch's people are
     * read in one query, checked on the re-screen threads (each an audited check, committed through the audit log's
     * group commit), and the batch's outcomes recorded in one transaction.
     */
    int rescreenDue() {
        RegistrySnapshot snapshot = index.current().orElse(null);
        if (snapshot == null) {
            return 0;
        }
        int done = 0;
        long deadline = System.nanoTime() + config.claimLease().toNanos() / 2;
        while (System.nanoTime() < deadline) {
            List<Object[]> claimed =
                    store.claimDue(snapshot.version(), Instant.now().plus(config.claimLease()), config.claimBatch());
            if (claimed.isEmpty()) {
                break;
            }
            Map<UUID, MonitoringStore.Enrolled> people =
                    store.enrolled(claimed.stream().map(row -> (UUID) row[0]).toList());
            List<Future<Attempt>> running = new ArrayList<>();
            for (Object[] row : claimed) {
                UUID id = (UUID) row[0];
                long dueVersion = ((Number) row[1]).longValue();
                MonitoringStore.Enrolled person = people.get(id);
                running.add(pool.submit(() -> check(id, dueVersion, person)));
            }
            List<MonitoringService.Rescreened> checked = new ArrayList<>();
            for (Future<Attempt> future : running) {
                try {
                    Attempt attempt = future.get();
                    if (attempt.rescreened() != null) {
                        checked.add(attempt.rescreened());
                    } else if (attempt.settled()) {
                        done++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return done;
                } catch (ExecutionException e) {
                    LOG.debug("Re-screen failed", e.getCause());
                }
            }
            done += record(checked);
        }
        return done;
    }

    /**
     * A re-screen's check: {@code rescreened} when it was answered; else whether the person is settled without one
     * (unenrolled, or refused as too broad) or must be tried again (its claim lapses and another round takes it).
     */
    record Attempt(MonitoringService.Rescreened rescreened, boolean settled) {}

    /** Checks one person ({@code person} null: no longer enrolled). */
    private Attempt check(UUID id, long dueVersion, MonitoringStore.Enrolled person) {
        if (person == null) {
            store.dropDue(id, dueVersion);
            return new Attempt(null, true);
        }
        CheckRequest request = new CheckRequest(
                new CandidateInput(person.fullName(), person.dateOfBirth(), person.photoHash()),
                "PERIODIC_RESCREEN",
                person.position(),
                person.consent());
        try {
            CheckResponse check = checks.perform(request, "monitoring:" + id + ":" + dueVersion, actor(person.org()))
                    .response();
            return new Attempt(new MonitoringService.Rescreened(id, dueVersion, check), true);
        } catch (TooBroadException e) {
            // the refusal is audited; a query that became too broad to answer cannot be compared: logged, not retried
            LOG.infof("Re-screen of monitored person %s refused as too broad; not retried", id);
            store.dropDue(id, dueVersion);
            return new Attempt(null, true);
        } catch (QorgauException e) {
            LOG.infof("Re-screen of monitored person %s deferred (%d %s)", id, e.status(), e.type());
            return new Attempt(null, false);
        }
    }

    /**
     * Records a batch's re-screens in one transaction; when that fails (a person changed under it), one by one, so one
     * person's conflict does not hold back the others. Returns how many were recorded.
     */
    private int record(List<MonitoringService.Rescreened> checked) {
        if (checked.isEmpty()) {
            return 0;
        }
        try {
            service.recordRescreens(checked);
            return checked.size();
        } catch (RuntimeException e) {
            LOG.debugf(e, "Recording %d re-screens at once failed; recording them one by one", checked.size());
        }
        int done = 0;
        for (MonitoringService.Rescreened rescreened : checked) {
            try {
                if (recordOne(rescreened)) {
                    done++;
                }
            } catch (RuntimeException e) {
                LOG.debug("Re-screen could not be recorded", e);
            }
        }
        return done;
    }

    /** Records one re-screen, retried when the person changed under it; false when left to the next round. */
    private boolean recordOne(MonitoringService.Rescreened rescreened) {
        for (int attempt = 1; ; attempt++) {
            try {
                service.recordRescreen(rescreened.personId(), rescreened.dueVersion(), rescreened.check());
                return true;
            } catch (OptimisticLockException | StaleObjectStateException e) {
                if (attempt == 3) { // the person changed under us three times: leave it to the next round
                    return false;
                }
            } catch (RuntimeException e) {
                if (attempt == 3
                        || !(e.getCause() instanceof OptimisticLockException
                                || e.getCause() instanceof StaleObjectStateException)) {
                    throw e;
                }
            }
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
