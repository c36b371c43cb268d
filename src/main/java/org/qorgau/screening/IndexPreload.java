package org.qorgau.screening;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;
import org.qorgau.matching.FellegiSunterMatcherFactory;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatchingParameters;
import org.qorgau.matching.RegistryPerson;

/**
 * Starts reading the registry and building the full matching index while Quarkus is still booting (the packaged
 * service's {@code main} calls {@link #start} as soon as the database is known), so that "ready" comes after the longer
 * of the two instead of after both. {@link MatchingIndex} takes the result if it was built with the same engine and
 * parameters it runs, then catches up from its version like after any other change; otherwise (no schema yet, another
 * parameter set, any error) it is dropped and the index builds as usual.
 */
public final class IndexPreload {

    private static final Logger LOG = Logger.getLogger(IndexPreload.class);

    /** A full index built before the application started, and the registry version it holds. */
    record Built(long version, Matcher matcher, long loadMillis, long buildMillis) {}

    private static volatile CompletableFuture<Built> pending;

    private IndexPreload() {}

    /**
     * Begins the preload on a background thread.
     *
     * @param parametersFile the matching parameter file the service will use ({@code qorgau.matching.parameters}), or
     *     null for the shipped set
     */
    public static void start(String jdbcUrl, String user, String password, String parametersFile) {
        CompletableFuture<Built> future = new CompletableFuture<>();
        pending = future;
        Thread thread = new Thread(
                () -> {
                    try {
                        future.complete(build(jdbcUrl, user, password, parametersFile));
                    } catch (Throwable e) { // NOPMD the application decides; it must never hang on this
                        future.completeExceptionally(e);
                    }
                },
                "matching-index-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** The preload started by {@code main}, if any; taken once. */
    static CompletableFuture<Built> take() {
        CompletableFuture<Built> future = pending;
        pending = null;
        return future;
    }

    private static Built build(String jdbcUrl, String user, String password, String parametersFile)
            throws SQLException {
        long started = System.nanoTime();
        FellegiSunterMatcherFactory factory = parametersFile == null || parametersFile.isBlank()
                ? FellegiSunterMatcherFactory.withDefaultParameters()
                : FellegiSunterMatcherFactory.withParameters(MatchingParameters.load(Path.of(parametersFile)));
        List<RegistryPerson> people = new ArrayList<>();
        long version;
        Properties properties = new Properties();
        properties.setProperty("user", user == null ? "" : user);
        properties.setProperty("password", password == null ? "" : password);
        try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties)) {
            try (PreparedStatement statement = connection.prepareStatement(
                            "select to_regclass('registry_entry') is not null and to_regclass('registry_head') is not null");
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("no registry schema yet");
                }
            }
            version = MatchingIndex.readAll(connection, people);
        }
        long loaded = System.nanoTime();
        Matcher matcher = factory.build(people);
        long done = System.nanoTime();
        LOG.debugf("Matching index preloaded at registry version %d: %d entries", version, people.size());
        return new Built(version, matcher, (loaded - started) / 1_000_000, (done - loaded) / 1_000_000);
    }
}
