package org.qorgau.common;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Lets the database outlive the service's own background work. Scheduled rounds (webhook delivery, monitoring
 * re-screens, index refreshes, retention sweeps) run through {@link #run}; once shutdown begins no new round starts,
 * and the first shutdown observer waits for the running ones to finish before anything else stops. Without it a round
 * that was mid-transaction when the connection pool closed failed with "This connection has been closed", logged as
 * a failed commit, although nothing was lost.
 *
 * <p>A round that runs long should look at {@link #stopping()} between its batches and end early; every round is
 * written to be resumed by the next start.
 */
@ApplicationScoped
public class BackgroundWork {

    /** How long shutdown waits for running rounds; a round still running after that meets a closed pool. */
    static final Duration GRACE = Duration.ofSeconds(20);

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class);

    private final Object lock = new Object();
    private int running;
    private boolean stopping;

    /** Runs {@code round} now unless shutdown has begun; returns whether it ran. */
    public boolean run(Runnable round) {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            running++;
        }
        try {
            round.run();
            return true;
        } finally {
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }

    /** Whether shutdown has begun: a long round ends at its next batch boundary. */
    public boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Before every other shutdown observer: no new round starts, the running ones finish. */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) ShutdownEvent event) {
        int left = stopAndAwait(GRACE);
        if (left > 0) {
            LOG.warnf(
                    "%d background rounds still running %d s into shutdown; stopping anyway", left, GRACE.toSeconds());
        }
    }

    /** Refuses new rounds and waits up to {@code grace} for the running ones; returns how many are still running. */
    int stopAndAwait(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            stopping = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return running;
        }
    }
}
