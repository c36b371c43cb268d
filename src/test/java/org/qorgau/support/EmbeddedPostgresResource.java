package org.qorgau.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.qorgau.runtime.DevKeys;
import org.qorgau.runtime.EmbeddedDatabase;

/**
 * One real PostgreSQL for the whole test run (the same embedded server the service runs by default), and a signing
 * key pair generated at run time under {@code target/} — no private key is committed.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDatabase database;
    private static Path publicKey;

    public static synchronized EmbeddedDatabase database() {
        if (database == null) {
            database = EmbeddedDatabase.start(Path.of("target", "test-pg").toAbsolutePath(), true, 0);
            publicKey = DevKeys.ensure(dataDir().resolve("keys"));
        }
        return database;
    }

    /** The test run's QORGAU_DATA_DIR: its {@code keys/} hold the key pair the service under test trusts. */
    public static Path dataDir() {
        return Path.of("target", "test-data").toAbsolutePath();
    }

    public static Path privateKey() {
        database();
        return publicKey.resolveSibling("private.pem");
    }

    @Override
    public Map<String, String> start() {
        EmbeddedDatabase db = database();
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password(),
                "mp.jwt.verify.publickey.location", publicKey.toString(),
                "smallrye.jwt.sign.key.location", privateKey().toString(),
                "qorgau.data-dir", dataDir().toString());
    }

    @Override
    public void stop() {
        // the server lives for the whole run and stops with the JVM (shutdown hook)
    }
}
