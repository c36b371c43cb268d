package org.qorgau.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.qorgau.screening.IndexPreload;

/**
 * Entry point of the packaged service. Before Quarkus starts it prepares what a fresh machine lacks: with no
 * {@code QUARKUS_DATASOURCE_JDBC_URL} it starts an embedded PostgreSQL under {@code $QORGAU_DATA_DIR/pg}, and with
 * no {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION} it makes sure the development key pair exists under
 * {@code $QORGAU_DATA_DIR/keys}. Tests do not run this class; they use their own test resource.
 */
@QuarkusMain
public final class QorgauMain {

    private QorgauMain() {}

    private static String matchingParameters() {
        String property = System.getProperty("qorgau.matching.parameters");
        return property != null ? property : System.getenv("QORGAU_MATCHING_PARAMETERS");
    }

    public static void main(String... args) {
        // before Quarkus configures logging: keep PostgreSQL's start-up chatter out of the console
        java.util.logging.Logger.getLogger("io.zonky").setLevel(java.util.logging.Level.WARNING);
        Path dataDir = DataDirectory.resolve();
        EmbeddedDatabase database = null;
        if (!EmbeddedDatabase.externalDatasourceConfigured()) {
            database = EmbeddedDatabase.start(dataDir.resolve("pg"));
            database.exportAsSystemProperties();
        }
        // optionally build the matching index while Quarkus boots (the index takes it if it fits; see IndexPreload).
        // Off by default: on the 2-core development machine the overlap slowed both the boot and the build.
        boolean preload = Boolean.parseBoolean(System.getenv().getOrDefault("QORGAU_INDEX_PRELOAD", "false"));
        if (preload && database != null) {
            IndexPreload.start(database.jdbcUrl(), database.username(), database.password(), matchingParameters());
        } else if (preload && System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            IndexPreload.start(
                    System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                    System.getenv("QUARKUS_DATASOURCE_USERNAME"),
                    System.getenv("QUARKUS_DATASOURCE_PASSWORD"),
                    matchingParameters());
        }
        if (!DevKeys.productionKeyConfigured()) {
            Path publicKey = DevKeys.ensure(dataDir.resolve("keys"));
            System.setProperty("mp.jwt.verify.publickey.location", publicKey.toString());
        }
        try {
            Quarkus.run(args);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }
}
