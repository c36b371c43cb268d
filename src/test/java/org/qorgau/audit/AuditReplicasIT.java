package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qorgau.common.CanonicalJson;
import org.qorgau.runtime.EmbeddedDatabase;
import org.qorgau.support.EmbeddedPostgresResource;
import org.qorgau.support.TestTokens;

/**
 * Runs the packaged service as real, separate processes on one PostgreSQL: two replicas writing at once must produce
 * one valid chain, and a replica killed with SIGKILL in the middle of a burst must leave no answered check without
 * its audit event. Needs {@code target/quarkus-app/quarkus-run.jar} (built by {@code package}).
 */
class AuditReplicasIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedDatabase database;
    private static final List<Process> processes = new ArrayList<>();
    private static int portA;
    private static int portB;

    @BeforeAll
    static void startReplicas() throws Exception {
        assumeTrue(Files.exists(JAR), "packaged jar missing: run ./mvnw package first");
        database = EmbeddedPostgresResource.database();
        System.setProperty(
                "smallrye.jwt.sign.key.location",
                EmbeddedPostgresResource.privateKey().toString());
        portA = freePort();
        portB = freePort();
        Process a = start(portA);
        Process b = start(portB);
        awaitReady(portA, a);
        awaitReady(portB, b);
    }

    @AfterAll
    static void stopReplicas() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void shouldProduceOneValidChainWhenTwoReplicasWriteAtOnce() throws Exception {
        String org = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.screener(org);
        long before = count("select count(*) from audit_event");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int port = t % 2 == 0 ? portA : portB;
            int thread = t;
            futures.add(pool.submit(() -> {
                int answered = 0;
                for (int i = 0; i < 25; i++) {
                    if (check(port, token, "Replica Person " + thread, "1990-01-" + String.format("%02d", i + 1))
                            != null) {
                        answered++;
                    }
                }
                return answered;
            }));
        }
        int answered = 0;
        for (Future<Integer> future : futures) {
            answered += future.get();
        }
        pool.shutdown();
        assertEquals(200, answered);
        assertEquals(
                200,
                count("select count(*) from audit_event where type = 'CHECK_PERFORMED' and actor_org = '" + org + "'"));
        assertEquals(before + 200, count("select count(*) from audit_event"));
        assertEquals(count("select count(*) from audit_event"), count("select max(sequence) from audit_event"));
        JsonNode verify = verify(portB);
        assertTrue(verify.get("valid").asBoolean(), verify.toString());
    }

    @Test
    void shouldLeaveNoAnsweredCheckWithoutItsEventWhenKilledDuringABurst() throws Exception {
        int port = freePort();
        Process victim = start(port);
        awaitReady(port, victim);
        String org = "sigkill-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.screener(org);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; !stop.get() && i < 10_000; i++) {
                    try {
                        String checkId = check(port, token, "Burst Person " + thread, "1980");
                        if (checkId != null) {
                            answered.add(checkId);
                        }
                    } catch (IOException e) {
                        return null; // the service is gone
                    }
                }
                return null;
            }));
        }
        long deadline = System.currentTimeMillis() + 20_000;
        while (answered.size() < 50 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        victim.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful drain
        victim.waitFor(20, TimeUnit.SECONDS);
        stop.set(true);
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(answered.size() >= 50, "only " + answered.size() + " checks answered before the kill");
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "select count(*) from audit_event where type = 'CHECK_PERFORMED' and check_id = ?::uuid")) {
            for (String checkId : answered) {
                statement.setString(1, checkId);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getLong(1), "answered check " + checkId + " has no audit event");
                }
            }
        }
        JsonNode verify = verify(portA);
        assertTrue(verify.get("valid").asBoolean(), verify.toString());
    }

    /** One check; its id when answered 201, null for any other status. */
    private static String check(int port, String token, String name, String dateOfBirth)
            throws IOException, InterruptedException {
        String body = "{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                + "\"},\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-IT\"}";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/checks"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            return null;
        }
        return CanonicalJson.parse(response.body()).get("checkId").asText();
    }

    private static JsonNode verify(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/audit/verify"))
                        .header("Authorization", "Bearer " + TestTokens.auditor())
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return CanonicalJson.parse(response.body());
    }

    private static Process start(int port) throws IOException {
        Path log = Path.of("target", "replica-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-jar",
                        JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", database.username());
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment()
                .put(
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        EmbeddedPostgresResource.dataDir()
                                .resolve("keys")
                                .resolve("public.pem")
                                .toString());
        builder.environment()
                .put("QORGAU_DATA_DIR", EmbeddedPostgresResource.dataDir().toString());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void awaitReady(int port, Process process) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(process.isAlive(), "replica on port " + port + " died; see target/replica-" + port + ".log");
            try {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("replica on port " + port + " not ready in time");
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
