package org.qorgau.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.DatabaseUnavailable;
import org.qorgau.error.ServiceUnavailableException;

/**
 * Group commit for audited writes. Every audited write holds the single {@code audit_head} row lock until it commits,
 * so one transaction per write would serialise the service on one fsync per write. Here a single thread per replica
 * gathers the writes that are waiting and runs them in one transaction, one fsync for all of them. Each caller gets
 * its result only after that transaction committed, so no answer leaves before its event is durable.
 *
 * <p>If any write of a group fails, the whole group is rolled back and each of its writes is retried alone, so one
 * bad write (e.g. a lost idempotency race) never takes others down with it — unless the failure is the database's
 * (down, too slow, out of connections): then every write of the group fails at once with it, since retrying each
 * alone would make the last caller wait the statement timeout once per write ahead of it.
 *
 * <p>A caller waits at most {@code qorgau.audit.commit-timeout}; a write whose caller gave up before it ran is skipped,
 * so no check is recorded that nobody was told about.
 */
@ApplicationScoped
public class AuditCommitter {

    private static final Logger LOG = Logger.getLogger(AuditCommitter.class);

    /** A write to run inside a shared transaction; it must not commit, roll back or change auto-commit. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private record Pending<T>(Work<T> work, CompletableFuture<T> result) {}

    private final AgroalDataSource dataSource;
    private final int maxGroup;
    private final long commitTimeoutMillis;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopping;

    public AuditCommitter(AgroalDataSource dataSource, QorgauConfig config) {
        this.dataSource = dataSource;
        this.maxGroup = config.audit().maxGroupCommit();
        this.commitTimeoutMillis = config.audit().commitTimeout().toMillis();
    }

    /** Runs {@code work} in a (possibly shared) transaction and returns its result once committed. */
    public <T> T execute(Work<T> work) throws Exception {
        ensureWriter();
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Pending<>(work, result));
        try {
            return result.get(commitTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // not yet started: the writer skips it; already running: it commits or fails on its own, unanswered
            result.cancel(false);
            throw new ServiceUnavailableException("The audit log is not answering; try again shortly.");
        }
    }

    private synchronized void ensureWriter() {
        if (writer == null || !writer.isAlive()) {
            writer = new Thread(this::loop, "audit-group-commit");
            writer.setDaemon(true);
            writer.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        while (!stopping) {
            List<Pending<?>> group = new ArrayList<>();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            group.removeIf(pending -> pending.result().isDone()); // its caller timed out and was answered 503
            if (group.isEmpty()) {
                continue;
            }
            if (!runGroup(group)) {
                for (Pending<?> pending : group) {
                    runGroup(List.of(pending)); // alone: its own failure is its own
                }
            }
        }
    }

    /** True when the group committed (results delivered); false when it must be retried item by item. */
    private boolean runGroup(List<Pending<?>> group) {
        List<Object> results = new ArrayList<>(group.size());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Pending<?> pending : group) {
                    results.add(pending.work().run(connection));
                }
                connection.commit();
            } catch (Exception e) {
                rollbackQuietly(connection);
                if (group.size() > 1 && !DatabaseUnavailable.isCause(e)) {
                    return false;
                }
                if (group.size() > 1) {
                    LOG.warnf(
                            "Audit group commit of %d writes failed: database unavailable (%s)",
                            group.size(), e.getClass().getSimpleName());
                    group.forEach(p -> p.result().completeExceptionally(e));
                    return true;
                }
                group.get(0).result().completeExceptionally(e);
                return true;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // no connection or the commit itself failed: nobody gets an answer without a durable event
            LOG.warnf(
                    "Audit group commit of %d writes failed: %s",
                    group.size(), e.getClass().getSimpleName());
            group.forEach(p -> p.result().completeExceptionally(e));
            return true;
        } catch (RuntimeException e) {
            group.forEach(p -> p.result().completeExceptionally(e));
            return true;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i));
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result) {
        pending.result().complete((T) result);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }
}
