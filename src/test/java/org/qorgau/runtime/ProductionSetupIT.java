package org.qorgau.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qorgau.support.EmbeddedPostgresResource;
import org.qorgau.support.PackagedService;

/**
 * The packaged service (prod profile) with development keys: a prominent warning by default, a refusal to start with
 * {@code QORGAU_REQUIRE_PRODUCTION_SETUP=true}, and no complaint once the keys are the operator's own.
 */
class ProductionSetupIT {

    private static final Path PG_DIR = Path.of("target", "prod-setup-pg").toAbsolutePath();
    private static EmbeddedDatabase database;

    @BeforeAll
    static void start() {
        assumeTrue(PackagedService.packaged(), "packaged jar missing: run ./mvnw package first");
        database = EmbeddedDatabase.start(PG_DIR, true, 0);
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    private static String log(PackagedService service, String name) throws Exception {
        return Files.readString(Path.of("target", name + "-" + service.port() + ".log"));
    }

    @Test
    void shouldWarnProminentlyWhenStartedWithTheDevelopmentKeys() throws Exception {
        try (PackagedService service = PackagedService.start(database, "prod-setup-warn", Map.of())) {
            String log = log(service, "prod-setup-warn");
            assertTrue(log.contains("WARN") && log.contains("NOT A PRODUCTION SETUP"), log);
            assertTrue(log.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), log);
            // the database is external here: only the keys are named
            assertFalse(log.contains("EMBEDDED PostgreSQL"), log);
        }
    }

    @Test
    void shouldRefuseToStartWithTheDevelopmentKeysWhenProductionSetupIsRequired() throws Exception {
        Path log = Path.of("target", "prod-setup-refuse.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-jar",
                        PackagedService.JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(),
                        "QUARKUS_DATASOURCE_USERNAME", database.username(),
                        "QUARKUS_DATASOURCE_PASSWORD", database.password(),
                        "QUARKUS_HTTP_PORT", Integer.toString(PackagedService.freePort()),
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                                PackagedService.keys().resolve("public.pem").toString(),
                        "QORGAU_DATA_DIR", EmbeddedPostgresResource.dataDir().toString(),
                        "QORGAU_REQUIRE_PRODUCTION_SETUP", "true"));
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the service did not stop by itself");
            String output = Files.readString(log);
            assertNotEquals(0, process.exitValue(), output);
            assertTrue(output.contains("Refusing to start: QORGAU_REQUIRE_PRODUCTION_SETUP=true"), output);
            assertTrue(output.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldStartQuietlyWithTheOperatorsOwnKeyAndDatabaseEvenWhenRequired() throws Exception {
        Path ownKey = Path.of("target", "prod-setup-idp", "public.pem").toAbsolutePath();
        Files.createDirectories(ownKey.getParent());
        Files.copy(
                PackagedService.keys().resolve("public.pem"),
                ownKey,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (PackagedService service = PackagedService.start(
                database,
                "prod-setup-ok",
                Map.of(
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                        ownKey.toString(),
                        "QORGAU_REQUIRE_PRODUCTION_SETUP",
                        "true"))) {
            String log = log(service, "prod-setup-ok");
            assertFalse(log.contains("NOT A PRODUCTION SETUP"), log);
            assertFalse(log.contains("Refusing to start"), log);
        }
    }
}
