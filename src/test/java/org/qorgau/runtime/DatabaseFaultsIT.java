package org.qorgau.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qorgau.common.CanonicalJson;
import org.qorgau.support.PackagedService;
import org.qorgau.support.TestTokens;

/**
 * Database faults against the packaged service on a PostgreSQL of its own (so the test may stop it and hold its
 * locks without disturbing any other test): the server stopped and started during a burst of checks, a held lock
 * that makes every audited write slow, and a pool drained by requests stuck behind that lock. Every request is answered
 * within the configured bounds — 201 or a 503 problem, never a hang or a 500 — the health endpoints keep answering,
 * the service recovers without a restart, and every answered check has exactly one audit event in a chain that
 * verifies. Runs with the shipped timeouts (application.properties) and a small pool.
 */
class DatabaseFaultsIT {

    /** The shipped bounds: commit-timeout 15 s above statement_timeout 10 s; acquisition 5 s. Plus slack for load. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(25);

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final int POOL_SIZE = 6;

    private static final Path PG_DIR = Path.of("target", "faults-pg").toAbsolutePath();
    private static int pgPort;
    private static EmbeddedDatabase database;
    private static PackagedService service;

    record Answer(int status, long millis, String contentType, String body, String retryAfter, long sentAt) {}

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PackagedService.packaged(), "packaged jar missing: run ./mvnw package first");
        deleteRecursively(PG_DIR);
        pgPort = PackagedService.freePort();
        // clean=false: the data directory must survive the stop in the middle of the test
        database = EmbeddedDatabase.start(PG_DIR, false, pgPort);
        service = PackagedService.start(
                database,
                "faults",
                Map.of(
                        "QORGAU_QUOTA_CHECKS_PER_MINUTE",
                        "0",
                        "QUARKUS_DATASOURCE_JDBC_MAX_SIZE",
                        Integer.toString(POOL_SIZE)));
        String entries = "{\"externalId\":\"FAULT-1\",\"fullName\":\"Faultless Person\",\"dateOfBirth\":\"1980-01-01\","
                + "\"offence\":\"UK RK 121\"}\n";
        HttpResponse<String> imported = service.post(
                "/v1/registry/imports?mode=upsert",
                TestTokens.admin(),
                "application/x-ndjson",
                entries,
                CLIENT_TIMEOUT);
        assertEquals(200, imported.statusCode(), imported.body());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldAnswer503WithinTheTimeoutAndRecoverWithoutRestartWhenPostgresStopsDuringABurst() throws Exception {
        String org = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.screener(org);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            load.add(pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        answers.add(
                                check(token, "Burst Candidate " + thread, String.format("1981-02-%02d", 1 + i % 28)));
                    } catch (IOException | InterruptedException e) {
                        failures.add(e); // a client timeout here is a hang
                        return;
                    }
                }
            }));
        }
        try {
            awaitTrue(Duration.ofSeconds(60), () -> count(answers, 201) >= 30, "30 checks before the outage");
            long answeredBefore = count(answers, 201);

            database.close(); // pg_ctl stop -m fast: sessions are terminated, new connections refused
            long stoppedAt = System.nanoTime();
            awaitTrue(Duration.ofSeconds(30), () -> readiness() == 503, "readiness DOWN while PostgreSQL is stopped");
            HttpResponse<String> live = service.get("/q/health/live", null, Duration.ofSeconds(5));
            assertEquals(200, live.statusCode(), "liveness must not depend on the database: " + live.body());
            awaitTrue(Duration.ofSeconds(30), () -> count(answers, 503) >= 10, "503 answers during the outage");
            Thread.sleep(2_000);
            long restartingAt = System.nanoTime();
            // nothing sent while PostgreSQL was down was answered 201: no answer without its durable event
            assertTrue(
                    answers.stream()
                            .noneMatch(a -> a.status() == 201 && a.sentAt() > stoppedAt && a.sentAt() < restartingAt),
                    "a check sent while PostgreSQL was down was answered 201");

            database = EmbeddedDatabase.start(PG_DIR, false, pgPort);
            long restartedAt = System.nanoTime();
            awaitTrue(Duration.ofSeconds(60), () -> readiness() == 200, "readiness UP after PostgreSQL is back");
            long readyMillis = (System.nanoTime() - restartedAt) / 1_000_000;
            long answeredAtRestart = count(answers, 201);
            awaitTrue(
                    Duration.ofSeconds(60),
                    () -> count(answers, 201) >= answeredAtRestart + 30,
                    "checks answered 201 again after the restart");
            System.out.printf(
                    "outage: %d answered before, %d 503s, ready %d ms after restart, outage lasted %d ms%n",
                    answeredBefore, count(answers, 503), readyMillis, (restartedAt - stoppedAt) / 1_000_000);
        } finally {
            stop.set(true);
            for (Future<?> f : load) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
        assertTrue(failures.isEmpty(), "requests without an answer (hang or dropped): " + failures);
        assertOnlyCreatedOr503(answers);
        assertEveryAnsweredCheckHasExactlyOneEvent(org, answers);
        assertChainVerifies();
    }

    @Test
    void shouldAnswer503NotHangWhenTheDatabaseIsSlowAndThePoolIsExhausted() throws Exception {
        String org = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.screener(org);
        Answer first = check(token, "Slow Path Candidate", "1975");
        assertEquals(201, first.status(), first.body());
        String checkId = CanonicalJson.parse(first.body()).get("checkId").asText();

        List<Answer> answers;
        long liveMillis;
        long readyMillis;
        int readyStatus;
        // a transaction holding the audit chain's head: every audited write (checks, reads of a check) waits on it
        try (Connection blocker = connect()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("select * from audit_head where id = 1 for update");
            }
            ExecutorService pool = Executors.newFixedThreadPool(24);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                futures.add(pool.submit(() -> n % 2 == 0
                        ? check(token, "Stuck Candidate " + n, "1990")
                        : read(token, "/v1/checks/" + checkId)));
            }
            Thread.sleep(3_000); // the pool (6) is now held by stuck reads and the group commit
            long started = System.nanoTime();
            HttpResponse<String> live = service.get("/q/health/live", null, Duration.ofSeconds(10));
            liveMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, live.statusCode(), live.body());
            started = System.nanoTime();
            readyStatus = readiness();
            readyMillis = (System.nanoTime() - started) / 1_000_000;
            answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(2, TimeUnit.MINUTES));
            }
            pool.shutdown();
            blocker.rollback();
        }
        System.out.printf(
                "slow database: statuses %s, slowest %d ms, liveness %d ms, readiness %d in %d ms%n",
                answers.stream().map(Answer::status).sorted().toList(),
                answers.stream().mapToLong(Answer::millis).max().orElse(0),
                liveMillis,
                readyStatus,
                readyMillis);
        assertTrue(liveMillis < 2_000, "liveness took " + liveMillis + " ms");
        assertTrue(readyMillis < 10_000, "readiness took " + readyMillis + " ms");
        assertTrue(readyStatus == 200 || readyStatus == 503, "readiness answered " + readyStatus);
        assertTrue(answers.stream().anyMatch(a -> a.status() == 503), "no 503 while the database was stuck");
        assertOnlyCreatedOr503(answers);

        // the lock is gone: the service answers again without a restart
        Answer after = check(token, "Slow Path Candidate", "1975");
        assertEquals(201, after.status(), after.body());
        assertEquals(200, readiness());
        List<Answer> all = new ArrayList<>(answers);
        all.add(first);
        all.add(after);
        assertEveryAnsweredCheckHasExactlyOneEvent(org, all);
        assertChainVerifies();
    }

    private static void assertOnlyCreatedOr503(java.util.Collection<Answer> answers) {
        for (Answer a : answers) {
            if (a.status() == 201 || a.status() == 200) {
                assertTrue(a.millis() < ANSWER_BOUND.toMillis(), "slow success: " + a);
                continue;
            }
            assertEquals(503, a.status(), "only 503 may answer a database fault: " + a);
            assertTrue(a.contentType().startsWith("application/problem+json"), a.toString());
            JsonNode problem = CanonicalJson.parse(a.body());
            assertEquals(503, problem.get("status").asInt(), a.body());
            assertEquals(
                    "https://qorgau.org/problems/service-unavailable",
                    problem.get("type").asText());
            assertTrue(a.retryAfter() != null, "503 without Retry-After: " + a);
            assertTrue(a.millis() < ANSWER_BOUND.toMillis(), "503 after " + a.millis() + " ms exceeds the bound");
            assertTrue(!a.body().contains("Exception") && !a.body().contains("org.postgresql"), a.body());
        }
    }

    private static void assertEveryAnsweredCheckHasExactlyOneEvent(String org, java.util.Collection<Answer> answers)
            throws SQLException {
        List<String> answered = answers.stream()
                .filter(a -> a.status() == 201)
                .map(a -> CanonicalJson.parse(a.body()).get("checkId").asText())
                .toList();
        assertTrue(!answered.isEmpty());
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "select count(*) from audit_event where type = 'CHECK_PERFORMED' and check_id = ?::uuid")) {
            for (String checkId : answered) {
                statement.setString(1, checkId);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getLong(1), "answered check " + checkId + " must have exactly one event");
                }
            }
            // nothing half-written: each stored check has its event and each event its check
            try (PreparedStatement orphans = connection.prepareStatement("select count(*) from screening_check c"
                    + " full join (select check_id from audit_event where type = 'CHECK_PERFORMED' and actor_org = ?)"
                    + " e using (check_id) where c.org = ? and (c.check_id is null or e.check_id is null)")) {
                orphans.setString(1, org);
                orphans.setString(2, org);
                try (ResultSet rs = orphans.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "checks without events or events without checks");
                }
            }
        }
    }

    private static void assertChainVerifies() throws Exception {
        HttpResponse<String> verify = service.get("/v1/audit/verify", TestTokens.auditor(), CLIENT_TIMEOUT);
        assertEquals(200, verify.statusCode(), verify.body());
        assertTrue(CanonicalJson.parse(verify.body()).get("valid").asBoolean(), verify.body());
    }

    private static Answer check(String token, String name, String dateOfBirth)
            throws IOException, InterruptedException {
        String body = "{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                + "\"},\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-FAULT\"}";
        long sent = System.nanoTime();
        HttpResponse<String> response = service.post("/v1/checks", token, "application/json", body, CLIENT_TIMEOUT);
        return answer(response, sent);
    }

    private static Answer read(String token, String path) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        return answer(service.get(path, token, CLIENT_TIMEOUT), sent);
    }

    private static Answer answer(HttpResponse<String> response, long sent) {
        return new Answer(
                response.statusCode(),
                (System.nanoTime() - sent) / 1_000_000,
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                response.headers().firstValue("Retry-After").orElse(null),
                sent);
    }

    private static int readiness() {
        try {
            return service.get("/q/health/ready", null, Duration.ofSeconds(15)).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long count(java.util.Collection<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    private static void awaitTrue(Duration within, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("timed out waiting for: " + what);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
