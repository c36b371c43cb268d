package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.qorgau.security.Caller;
import org.qorgau.support.Db;

@QuarkusTest
class AuditConcurrencyTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditLog auditLog;

    @Inject
    AuditService audit;

    @Inject
    AuditRecorder recorder;

    @Test
    void shouldChainAGroupCommitAfterAnEventAppendedInAnotherTransactionSinceTheWritersLastGroup() throws Exception {
        AuditRecord first = recorder.record(draft("group-commit", 1));
        AuditRecord between = appendInOwnTransaction(draft("own-transaction", 2));
        AuditRecord next = recorder.record(draft("group-commit", 3));

        assertEquals(first.sequence() + 1, between.sequence());
        assertEquals(between.sequence() + 1, next.sequence());
        assertEquals(
                between.hash(),
                Db.text(dataSource, "select prev_hash from audit_event where sequence = ?", next.sequence()));
        assertValidChain();
    }

    @Test
    void shouldKeepOneGapFreeValidChainWhenGroupCommitsAndOwnTransactionsAppendAtOnce() throws Exception {
        long before = Db.count(dataSource, "select count(*) from audit_event");
        // even writers go through the group commit, odd ones append in transactions of their own
        runWriters(6, 20, (writer, i) -> {
            if (writer % 2 == 0) {
                recorder.record(draft("group-commit", i));
            } else {
                appendInOwnTransaction(draft("own-transaction", i));
            }
        });
        assertEquals(before + 6 * 20, Db.count(dataSource, "select count(*) from audit_event"));
        assertGapFree();
        assertValidChain();
    }

    @Test
    void shouldKeepOneGapFreeValidChainWhenManyWritersAppendAtOnce() throws Exception {
        long before = Db.count(dataSource, "select count(*) from audit_event");
        runWriters(8, 25, (writer, i) -> appendInOwnTransaction(draft("writer-" + writer, i)));
        assertEquals(before + 8 * 25, Db.count(dataSource, "select count(*) from audit_event"));
        assertGapFree();
        assertValidChain();
    }

    /** One append by writer {@code writer}, its {@code i}th. */
    private interface Append {
        void run(int writer, int i) throws Exception;
    }

    /** Runs {@code writers} threads at once, each appending {@code perWriter} times. */
    private static void runWriters(int writers, int perWriter, Append append) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        append.run(writer, i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private AuditRecord appendInOwnTransaction(AuditEventDraft draft) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            AuditRecord record = auditLog.append(connection, draft);
            connection.commit();
            return record;
        }
    }

    private void assertGapFree() {
        assertEquals(
                Db.count(dataSource, "select max(sequence) from audit_event"),
                Db.count(dataSource, "select count(*) from audit_event"));
    }

    private void assertValidChain() {
        var result = audit.verifyChain(null, null, null);
        assertTrue(result.valid(), result.toString());
    }

    private static AuditEventDraft draft(String writer, int i) {
        return new AuditEventDraft(
                AuditEventType.AUDIT_READ,
                new Caller(writer, "concurrency", Set.of("auditor")),
                null,
                Map.of("operation", "concurrency-test", "i", i),
                Map.of(),
                null,
                null);
    }
}
