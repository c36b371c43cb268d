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
 *
 * <p>Round trips, not CPU, bound one writer thread. A group chains its events in memory after the head where the
 * writer's last group left it and sends, in one round trip, the head's move from there to its last event
 * ({@code audit_head_advance}, which locks the head) and its rows (the events' and the changes' rows, plain data,
 * one INSERT per table: {@link GroupRows}), as one implicit transaction that commits at its end. When the head has
 * moved (another replica's or another kind of write appended), that transaction fails before any row is written; the
 * group then reads and locks the head, chains after it, sends its rows and the head's move, and commits: three round
 * trips. So does the first group, and the first after a failure, when the head is not known.
 */
@ApplicationScoped
public class AuditCommitter {

    private static final Logger LOG = Logger.getLogger(AuditCommitter.class);
    /** How often an idle writer looks whether the service is stopping. */
    private static final long POLL_MILLIS = 200;
    /** Beyond the commit timeout, how long shutdown waits for the writer's last group. */
    private static final long DRAIN_SLACK_MILLIS = 5_000;

    /** A write waiting for the writer: its event encoded already ({@link AuditLog#encode}), and its caller's answer. */
    private record Pending(
            AuditLog.Encoded event, List<AuditedWrite.Row> rows, CompletableFuture<AuditRecord> result) {}

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final int maxGroup;
    private final long commitTimeoutMillis;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    /** Where this writer's last group left the chain; null when unknown (the next group reads and locks the head). */
    private AuditLog.ChainHead lastHead;

    private volatile boolean stopping;

    public AuditCommitter(AgroalDataSource dataSource, AuditLog auditLog, QorgauConfig config) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.maxGroup = config.audit().maxGroupCommit();
        this.commitTimeoutMillis = config.audit().commitTimeout().toMillis();
    }

    /**
     * Writes {@code write} in a (possibly shared) transaction and returns where its event landed once committed.
     *
     * @throws SQLException the write's own failure (e.g. a unique violation), or the database's
     * @throws ServiceUnavailableException the commit did not happen within the commit timeout, or the replica stops
     */
    public AuditRecord commit(AuditedWrite write) throws SQLException {
        // the encoding is the event's own work: done here, on the caller's thread, not on the one writer's
        AuditLog.Encoded event = AuditLog.encode(write.event());
        CompletableFuture<AuditRecord> result = new CompletableFuture<>();
        synchronized (this) {
            if (stopping) {
                // the writer has drained and stopped: nothing more can become durable on this replica
                throw new ServiceUnavailableException("This replica is shutting down; try again shortly.");
            }
            ensureWriter();
            queue.add(new Pending(event, write.rows(), result));
        }
        try {
            return result.get(commitTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("The audit log is not answering; try again shortly.");
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

    /**
     * Drains on shutdown: every write already queued is still committed (and its caller answered) before the writer
     * stops; later writes are refused with 503. Quarkus fires this after its graceful HTTP shutdown, and the embedded
     * database is stopped only after Quarkus, so the database is still there for the last group.
     */
    void onStop(@Observes ShutdownEvent event) {
        Thread thread;
        synchronized (this) {
            stopping = true;
            thread = writer;
        }
        if (thread == null) {
            return;
        }
        try {
            thread.join(commitTimeoutMillis + DRAIN_SLACK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf(
                    "Audit writer still busy after %d ms of shutdown; %d writes unanswered",
                    commitTimeoutMillis, queue.size());
        }
    }

    /** The next queued write; null once stopping with nothing left (the writer then ends). */
    private Pending next() throws InterruptedException {
        while (true) {
            Pending pending = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (pending != null) {
                return pending;
            }
            synchronized (this) {
                if (stopping && queue.isEmpty()) {
                    return null;
                }
            }
        }
    }

    private void loop() {
        while (true) {
            List<Pending> group = new ArrayList<>();
            try {
                Pending first = next();
                if (first == null) {
                    return;
                }
                group.add(first);
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            group.removeIf(pending -> pending.result().isDone()); // its caller timed out and was answered 503
            if (group.isEmpty()) {
                continue;
            }
            if (!runGroup(group)) {
                for (Pending pending : group) {
                    runGroup(List.of(pending)); // alone: its own failure is its own
                }
            }
        }
    }

    /** True when the group committed (results delivered); false when it must be retried item by item. */
    private boolean runGroup(List<Pending> group) {
        AuditLog.ChainHead expected = lastHead;
        lastHead = null; // known again only once this group commits
        Chained chained = null;
        try (Connection connection = dataSource.getConnection()) {
            try {
                if (expected != null) {
                    chained = appendAfter(connection, group, expected);
                }
                if (chained == null) {
                    chained = appendLocked(connection, group);
                }
                lastHead = AuditLog.ChainHead.at(chained.last());
            } catch (SQLException | RuntimeException e) {
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
            }
        } catch (SQLException e) {
            // no connection: nobody gets an answer without a durable event
            LOG.warnf(
                    "Audit group commit of %d writes failed: %s",
                    group.size(), e.getClass().getSimpleName());
            group.forEach(p -> p.result().completeExceptionally(e));
            return true;
        } catch (RuntimeException e) {
            group.forEach(p -> p.result().completeExceptionally(e));
            return true;
        }
        List<AuditRecord> results = chained.records();
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
        return true;
    }

    /**
     * The group chained after {@code expected}, where this writer's last group left the head, and committed in one
     * round trip: the head's move from there, then the rows, as one implicit transaction. Null, with nothing written,
     * when another transaction has moved the head since.
     */
    private Chained appendAfter(Connection connection, List<Pending> group, AuditLog.ChainHead expected)
            throws SQLException {
        Chained chained = chain(group, expected);
        connection.setAutoCommit(true);
        try {
            chained.rows().execute(connection, AuditLog.advanceHead(expected, chained.last()), null);
            return chained;
        } catch (SQLException e) {
            if (AuditLog.headMoved(e)) {
                return null;
            }
            throw e;
        }
    }

    /** The group chained after the head as it is, read and locked first; committed. */
    private Chained appendLocked(Connection connection, List<Pending> group) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Chained chained = chain(group, AuditLog.lockHead(connection));
            chained.rows().execute(connection, null, AuditLog.moveHead(chained.last()));
            connection.commit();
            return chained;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A group's events chained after a head, with their rows, not yet sent. */
    private record Chained(List<AuditRecord> records, GroupRows rows) {
        AuditRecord last() {
            return records.get(records.size() - 1);
        }
    }

    private Chained chain(List<Pending> group, AuditLog.ChainHead head) {
        List<AuditRecord> records = new ArrayList<>(group.size());
        GroupRows rows = new GroupRows();
        for (Pending pending : group) {
            AuditLog.Appended appended = auditLog.chain(pending.event(), head);
            AuditRecord record = appended.record();
            for (AuditedWrite.Row row : appended.rows()) {
                rows.add(row, record);
            }
            for (AuditedWrite.Row row : pending.rows()) {
                rows.add(row, record);
            }
            records.add(record);
            head = AuditLog.ChainHead.at(record);
        }
        return new Chained(records, rows);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }
}
