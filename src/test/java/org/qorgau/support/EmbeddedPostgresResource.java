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

    private static final String URL_PROPERTY = "embedded-test-pg.jdbc-url";
    private static final String USER_PROPERTY = "embedded-test-pg.jdbc-user";
    private static final String PASSWORD_PROPERTY = "embedded-test-pg.jdbc-password";

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
        // a @TestProfile restarts Quarkus in a new class loader, where the static above is empty again: the server
        // started first is found through system properties, which the whole JVM shares
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            EmbeddedDatabase db = database();
            url = db.jdbcUrl();
            System.setProperty(URL_PROPERTY, url);
            System.setProperty(USER_PROPERTY, db.username());
            System.setProperty(PASSWORD_PROPERTY, db.password());
        }
        Path keys = dataDir().resolve("keys");
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", System.getProperty(USER_PROPERTY),
                "quarkus.datasource.password", System.getProperty(PASSWORD_PROPERTY),
                "mp.jwt.verify.publickey.location", keys.resolve("public.pem").toString(),
                "smallrye.jwt.sign.key.location", keys.resolve("private.pem").toString(),
                "qorgau.data-dir", dataDir().toString());
    }

    @Override
    public void stop() {
        // the server lives for the whole run and stops with the JVM (shutdown hook)
    }
}
