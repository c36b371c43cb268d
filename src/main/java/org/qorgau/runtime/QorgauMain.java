package org.qorgau.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the packaged service. Before Quarkus starts it prepares what a fresh machine lacks: with no
 * {@code QUARKUS_DATASOURCE_JDBC_URL} it starts an embedded PostgreSQL under {@code $QORGAU_DATA_DIR/pg}, and with
 * no {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} it makes sure the development key pair exists under
 * {@code $QORGAU_DATA_DIR/keys}. Tests do not run this class; they use their own test resource.
 *
 * <p>Shutdown order on SIGTERM: new requests are refused 503 at once ({@link Draining}); Quarkus waits for the
 * accepted ones ({@code quarkus.shutdown.timeout}), the audit group committer drains on its shutdown event, Quarkus
 * stops; only then is the embedded PostgreSQL stopped.
 */
@QuarkusMain
public final class QorgauMain {

    /** Longest the embedded PostgreSQL waits on SIGTERM for the service to stop (above quarkus.shutdown.timeout). */
    private static final Duration DATABASE_STOP_BOUND = Duration.ofSeconds(60);

    private static volatile boolean signalled;

    private QorgauMain() {}

    public static void main(String... args) {
        // before Quarkus configures logging: keep PostgreSQL's start-up chatter out of the console
        java.util.logging.Logger.getLogger("io.zonky").setLevel(java.util.logging.Level.WARNING);
        Path dataDir = DataDirectory.resolve();
        EmbeddedDatabase database = null;
        if (!EmbeddedDatabase.externalDatasourceConfigured()) {
            database = EmbeddedDatabase.start(dataDir.resolve("pg"));
            database.exportAsSystemProperties();
        }
        if (!DevKeys.productionKeyConfigured()) {
            Path publicKey = DevKeys.ensure(dataDir.resolve("keys"));
            System.setProperty("mp.jwt.verify.publickey.location", publicKey.toString());
        }
        CountDownLatch quarkusStopped = new CountDownLatch(1);
        if (database != null) {
            database.stopAfter(quarkusStopped, DATABASE_STOP_BOUND);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            signalled = true;
                            Draining.begin();
                        },
                        "qorgau-drain"));
        int[] exitCode = {0};
        try {
            // our own exit handler: Quarkus' default calls System.exit, which blocks for ever when the stop came from
            // a signal (the JVM is already running its shutdown hooks), so this method would never reach finally
            Quarkus.run(null, (code, failure) -> exitCode[0] = code, args);
        } finally {
            if (database != null) {
                database.close();
            }
            quarkusStopped.countDown();
        }
        if (!signalled) {
            System.exit(exitCode[0]);
        }
    }
}
