package org.qorgau.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.qorgau.common.BackgroundWork;
import org.qorgau.config.AuditConfig;
import org.qorgau.config.QorgauConfig;
import org.qorgau.security.Caller;

/**
 * Keeps refused requests from flooding the audit log while every refusal stays accounted for in the hash chain.
 *
 * <p>A request without a valid token costs its sender nothing, so one event per such request would let anyone grow
 * the audit chain (and the database) without limit. Instead each replica counts them per source address and window
 * ({@code qorgau.audit.refusals.window}, default one minute) and, once the window has closed, appends one
 * {@code ACCESS_REFUSED} summary event per source: {@code query = {summary: true, source, from, to, paths}},
 * {@code outcome = {count, statuses, reasons, status?}}. Past {@code max-sources} distinct sources in one window the
 * rest share one summary with the source {@code other}, so a flood from many addresses is bounded as well.
 *
 * <p>A refusal of an authenticated subject (a valid token of a known person whose role or organisation does not
 * allow the request) names someone, so it is audited individually — up to {@code per-subject-individually} per
 * window; a subject (e.g. a stolen token in a script) refused more often than that is counted into one summary per
 * window with that subject as actor. Summaries are appended like any other event: they are part of the chain, and
 * {@code GET /v1/audit/verify} covers them. Counts not yet written when a replica stops are written at shutdown.
 */
@ApplicationScoped
public class RefusalSummaries {

    private static final Logger LOG = Logger.getLogger(RefusalSummaries.class);
    /** Recorded paths are cut to this length: a path is the caller's own text. */
    private static final int MAX_PATH_CHARS = 200;

    static final String OTHER = "other";

    /** Whether the caller of {@link #refuse} must still write an individual event. */
    public enum Disposition {
        INDIVIDUAL,
        SUMMARISED
    }

    private record Key(long window, String kind, String id) {}

    private static final class Tally {
        final Caller actor;
        final String source;
        final long window;
        long count;
        final Map<String, Long> statuses = new TreeMap<>();
        final Map<String, Long> reasons = new TreeMap<>();
        final Map<String, Long> paths = new LinkedHashMap<>();

        Tally(Caller actor, String source, long window) {
            this.actor = actor;
            this.source = source;
            this.window = window;
        }
    }

    private final AuditRecorder recorder;
    private final BackgroundWork work;
    private final AuditConfig.Refusals config;
    private final Clock clock;
    // guarded by this: refusals are cheap to count and never on the path of an accepted request
    private final Map<Key, Tally> tallies = new HashMap<>();
    private final Map<Key, Long> perSubject = new HashMap<>();
    private final Map<Long, Integer> sourcesPerWindow = new HashMap<>();

    @Inject
    public RefusalSummaries(AuditRecorder recorder, QorgauConfig config, BackgroundWork work) {
        this(recorder, config.audit().refusals(), Clock.systemUTC(), work);
    }

    RefusalSummaries(AuditRecorder recorder, AuditConfig.Refusals config, Clock clock, BackgroundWork work) {
        this.recorder = recorder;
        this.work = work;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Counts one refused request.
     *
     * @param caller who was refused ({@link Caller#anonymous()} when there was no valid token)
     * @param source the client's address as the HTTP layer sees it
     * @param status 401 or 403
     * @param reason a short code ({@code no-token}, {@code invalid-token}, {@code not-permitted})
     * @param path the request path
     * @return {@link Disposition#INDIVIDUAL} when the caller should append an individual event for it
     */
    public synchronized Disposition refuse(Caller caller, String source, int status, String reason, String path) {
        long window = window(clock.instant());
        Key key;
        if (isAnonymous(caller)) {
            key = new Key(window, "source", source == null ? "unknown" : source);
            if (!tallies.containsKey(key)) {
                int sources = sourcesPerWindow.getOrDefault(window, 0);
                if (sources >= config.maxSources()) {
                    key = new Key(window, "source", OTHER);
                } else {
                    sourcesPerWindow.put(window, sources + 1);
                }
            }
        } else {
            Key subject = new Key(window, "subject", caller.org() + "/" + caller.subject());
            long seen = perSubject.merge(subject, 1L, Long::sum);
            if (seen <= config.perSubjectIndividually()) {
                return Disposition.INDIVIDUAL;
            }
            key = subject;
        }
        Caller actor = isAnonymous(caller) ? Caller.anonymous() : caller;
        String summarySource = key.kind().equals("source") ? key.id() : null;
        Tally tally = tallies.computeIfAbsent(key, x -> new Tally(actor, summarySource, window));
        tally.count++;
        tally.statuses.merge(String.valueOf(status), 1L, Long::sum);
        tally.reasons.merge(reason, 1L, Long::sum);
        String p = path == null ? "" : path.length() > MAX_PATH_CHARS ? path.substring(0, MAX_PATH_CHARS) : path;
        if (tally.paths.containsKey(p) || tally.paths.size() < config.maxPaths()) {
            tally.paths.merge(p, 1L, Long::sum);
        } else {
            tally.paths.merge(OTHER, 1L, Long::sum);
        }
        return Disposition.SUMMARISED;
    }

    @Scheduled(
            every = "${qorgau.audit.refusals.flush-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushClosedWindows() {
        work.run(() -> flush(false));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        flush(true);
    }

    /**
     * Appends the summaries of every closed window, or of every window when {@code all} (shutdown, tests).
     *
     * @return the number of summary events appended
     */
    public int flush(boolean all) {
        List<Tally> due = new ArrayList<>();
        synchronized (this) {
            long current = window(clock.instant());
            for (Iterator<Map.Entry<Key, Tally>> it = tallies.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Key, Tally> e = it.next();
                if (all || e.getKey().window() < current) {
                    due.add(e.getValue());
                    it.remove();
                }
            }
            perSubject.keySet().removeIf(k -> all || k.window() < current);
            sourcesPerWindow.keySet().removeIf(w -> all || w < current);
        }
        int written = 0;
        for (Tally t : due) {
            if (recorder.recordQuietly(draft(t))) {
                written++;
            } else {
                LOG.warnf("A summary of %d refused requests could not be audited", t.count);
            }
        }
        return written;
    }

    private AuditEventDraft draft(Tally t) {
        Duration length = config.window();
        Instant from = Instant.ofEpochMilli(t.window * length.toMillis());
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("summary", true);
        if (t.source != null) {
            query.put("source", t.source);
        }
        query.put("from", from.toString());
        query.put("to", from.plus(length).toString());
        query.put("paths", new LinkedHashMap<>(t.paths));
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("count", t.count);
        outcome.put("statuses", new TreeMap<>(t.statuses));
        outcome.put("reasons", new TreeMap<>(t.reasons));
        if (t.statuses.size() == 1) {
            // the same filter as for individual refusals (outcome.status) finds a summary of one status
            outcome.put(
                    "status", Integer.parseInt(t.statuses.keySet().iterator().next()));
        }
        return new AuditEventDraft(AuditEventType.ACCESS_REFUSED, t.actor, null, query, outcome, null, null);
    }

    private long window(Instant at) {
        return at.toEpochMilli() / Math.max(1, config.window().toMillis());
    }

    private static boolean isAnonymous(Caller caller) {
        return caller == null || Caller.anonymous().equals(caller);
    }
}
