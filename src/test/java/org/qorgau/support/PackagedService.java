package org.qorgau.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.qorgau.runtime.DevKeys;
import org.qorgau.runtime.EmbeddedDatabase;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as a separate process against a given
 * PostgreSQL, with the test run's key pair, for integration tests that must own the database (stop it, lock it) or
 * give the service its own settings.
 */
public final class PackagedService implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    public static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static boolean packaged() {
        return Files.exists(JAR);
    }

    /** Makes sure the test key pair exists and tokens minted by {@link TestTokens} are signed with it. */
    public static Path keys() {
        Path keys = EmbeddedPostgresResource.dataDir().resolve("keys");
        Path publicKey = DevKeys.ensure(keys);
        System.setProperty(
                "smallrye.jwt.sign.key.location",
                publicKey.resolveSibling("private.pem").toString());
        return keys;
    }

    /** Starts the jar on a free port with {@code extraEnv} on top of the database and key settings; waits for ready. */
    public static PackagedService start(EmbeddedDatabase database, String name, Map<String, String> extraEnv)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        env.put("QORGAU_DATA_DIR", EmbeddedPostgresResource.dataDir().toString());
        env.putAll(extraEnv);
        return launch(name, env);
    }

    /**
     * Starts the jar as a user would, on its own embedded PostgreSQL under {@code dataDir/pg} (no datasource URL), with
     * the test run's key pair; waits for ready.
     */
    public static PackagedService startEmbedded(Path dataDir, String name, Map<String, String> extraEnv)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QORGAU_DATA_DIR", dataDir.toString());
        env.putAll(extraEnv);
        return launch(name, env);
    }

    private static PackagedService launch(String name, Map<String, String> settings) throws Exception {
        int port = freePort();
        Path log = Path.of("target", name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-jar",
                        JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys().resolve("public.pem").toString());
        env.putAll(settings);
        builder.environment().putAll(env);
        PackagedService service = new PackagedService(builder.start(), port, log);
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The service's console log. */
    public Path log() {
        return log;
    }

    /** Sends SIGTERM, as an orchestrator does, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code, or null if it still runs after {@code within}. */
    public Integer awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** A GET; the client gives up after {@code timeout}. */
    public HttpResponse<String> get(String path, String token, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST with a body of {@code contentType}; the client gives up after {@code timeout}. */
    public HttpResponse<String> post(String path, String token, String contentType, String body, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("service died; see " + log);
            }
            try {
                if (get("/q/health/ready", null, Duration.ofSeconds(10)).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("service on port " + port + " not ready in " + within + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            // above quarkus.shutdown.timeout (20 s): a graceful stop finishes its requests first
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
