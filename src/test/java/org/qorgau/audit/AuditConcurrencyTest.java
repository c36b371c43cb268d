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
        AuditRecord between;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            between = auditLog.append(connection, draft("own-transaction", 2));
            connection.commit();
        }
        AuditRecord next = recorder.record(draft("group-commit", 3));

        assertEquals(first.sequence() + 1, between.sequence());
        assertEquals(between.sequence() + 1, next.sequence());
        assertEquals(
                between.hash(),
                Db.text(dataSource, "select prev_hash from audit_event where sequence = ?", next.sequence()));
        var result = audit.verifyChain(null, null, null);
        assertTrue(result.valid(), result.toString());
    }

    @Test
    void shouldKeepOneValidChainWhenGroupCommitsAndOwnTransactionsAppendAtOnce() throws Exception {
        long before = Db.count(dataSource, "select count(*) from audit_event");
        int writers = 6;
        int perWriter = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            boolean grouped = w % 2 == 0;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    if (grouped) {
                        recorder.record(draft("group-commit", i));
                    } else {
                        try (Connection connection = dataSource.getConnection()) {
                            connection.setAutoCommit(false);
                            auditLog.append(connection, draft("own-transaction", i));
                            connection.commit();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertEquals(before + writers * perWriter, Db.count(dataSource, "select count(*) from audit_event"));
        assertEquals(
                Db.count(dataSource, "select max(sequence) from audit_event"),
                Db.count(dataSource, "select count(*) from audit_event"));
        var result = audit.verifyChain(null, null, null);
        assertTrue(result.valid(), result.toString());
    }

    private static AuditEventDraft draft(String path, int i) {
        return new AuditEventDraft(
                AuditEventType.AUDIT_READ,
                new Caller("writer-" + path, "concurrency", Set.of("auditor")),
                null,
                Map.of("operation", path, "i", i),
                Map.of(),
                null,
                null);
    }

    @Test
    void shouldKeepOneGapFreeValidChainWhenManyWritersAppendAtOnce() throws Exception {
        long before = Db.count(dataSource, "select count(*) from audit_event");
        int writers = 8;
        int perWriter = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    try (Connection connection = dataSource.getConnection()) {
                        connection.setAutoCommit(false);
                        auditLog.append(
                                connection,
                                new AuditEventDraft(
                                        AuditEventType.AUDIT_READ,
                                        new Caller("writer-" + writer, "concurrency", Set.of("auditor")),
                                        null,
                                        Map.of("operation", "concurrency-test", "i", i),
                                        Map.of(),
                                        null,
                                        null));
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertEquals(before + writers * perWriter, Db.count(dataSource, "select count(*) from audit_event"));
        assertEquals(
                Db.count(dataSource, "select max(sequence) from audit_event"),
                Db.count(dataSource, "select count(*) from audit_event"));
        var result = audit.verifyChain(null, null, null);
        assertTrue(result.valid(), result.toString());
    }
}
