package org.qorgau.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.OptimisticLockException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.qorgau.error.QorgauException;
import org.qorgau.error.TooBroadException;
import org.qorgau.screening.CheckService;
import org.qorgau.screening.api.CandidateInput;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.screening.api.CheckResponse;

/**
 * Re-screens one claimed group of due people ({@link Rescreener}'s step 2): the group's people are read in one query,
 * checked on the re-screen threads (each an audited check, committed through the audit log's group commit), and the
 * group's outcomes recorded in one transaction — one by one only when that fails.
 */
@ApplicationScoped
class RescreenGroups {

    private static final Logger LOG = Logger.getLogger(RescreenGroups.class);

    /** Failed re-screen tasks (Prometheus: {@code qorgau_monitoring_rescreen_failures_total}). */
    static final String FAILURES_METRIC = "qorgau.monitoring.rescreen.failures";

    private final RescreenReads reads;
    private final RescreenStore store;
    private final MonitoringService service;
    private final CheckService checks;
    private final Counter failures;

    RescreenGroups(
            RescreenReads reads,
            RescreenStore store,
            MonitoringService service,
            CheckService checks,
            MeterRegistry meters) {
        this.failures = Counter.builder(FAILURES_METRIC)
                .description("Re-screens of monitored people that failed (not refused or deferred) and are left to a"
                        + " later round")
                .register(meters);
        this.reads = reads;
        this.store = store;
        this.service = service;
        this.checks = checks;
    }

    /** Created at start, so the failure counter is exported (at 0) before any re-screen runs. */
    void onStart(@Observes StartupEvent event) {
        LOG.debugf("Failed re-screens are counted in %s", FAILURES_METRIC);
    }

    /**
     * A claimed group after its checks: the re-screens answered (still to be recorded) and how many people were settled
     * without one.
     */
    record Checked(List<MonitoringService.Rescreened> rescreened, int settled) {}

    /**
     * Checks the claimed (id, due version) rows on {@code pool} ; the answers are not yet recorded, so the caller may
     * record them ({@link #record}) while the next group is checked.
     */
    Checked check(List<Object[]> claimed, ExecutorService pool) throws InterruptedException {
        int settled = 0;
        Map<UUID, RescreenReads.Enrolled> people =
                reads.enrolled(claimed.stream().map(row -> (UUID) row[0]).toList());
        List<Future<Attempt>> running = new ArrayList<>();
        for (Object[] row : claimed) {
            UUID id = (UUID) row[0];
            long dueVersion = ((Number) row[1]).longValue();
            RescreenReads.Enrolled person = people.get(id);
            running.add(pool.submit(() -> check(id, dueVersion, person)));
        }
        List<MonitoringService.Rescreened> checked = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            try {
                Attempt attempt = running.get(i).get();
                if (attempt.rescreened() != null) {
                    checked.add(attempt.rescreened());
                } else if (attempt.settled()) {
                    settled++;
                }
            } catch (ExecutionException e) {
                failed(
                        "Re-screen of monitored person %s at version %s failed (%s); its claim lapses and a later round"
                                + " tries again",
                        claimed.get(i), e.getCause());
            }
        }
        return new Checked(checked, settled);
    }

    /**
     * A failed re-screen task: a warning naming only the person's id, the due version and the kind of failure (an
     * exception's message may quote the candidate; it is logged at DEBUG only), and the failure counter.
     */
    private void failed(String message, Object[] row, Throwable cause) {
        failures.increment();
        LOG.warnf(
                message,
                row[0],
                row[1],
                cause == null ? "unknown" : cause.getClass().getSimpleName());
        LOG.debug("Re-screen failed", cause);
    }

    /**
     * A re-screen's check: {@code rescreened} when it was answered; else whether the person is settled without one
     * (unenrolled, or refused as too broad) or must be tried again (its claim lapses and another round takes it).
     */
    record Attempt(MonitoringService.Rescreened rescreened, boolean settled) {}

    /** Checks one person ({@code person} null: no longer enrolled). */
    private Attempt check(UUID id, long dueVersion, RescreenReads.Enrolled person) {
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
            CheckResponse check = checks.perform(
                            request, "monitoring:" + id + ":" + dueVersion, Rescreener.actor(person.org()))
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
    int record(List<MonitoringService.Rescreened> checked) {
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
                failed(
                        "Re-screen of monitored person %s at version %s could not be recorded (%s); its claim lapses"
                                + " and a later round tries again",
                        new Object[] {rescreened.personId(), rescreened.dueVersion()}, e);
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
}
