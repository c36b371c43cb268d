package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.registry.RegistryChanged;
import org.qorgau.registry.RegistryService;
import org.qorgau.registry.api.RegistryEntry;

/**
 * This replica's in-memory matching index: a cache of the registry table. It is built at start and rebuilt whenever
 * {@code registry_head.version} moves (polled), then swapped in with one volatile write, so a check sees exactly one
 * registry version and never a half-applied one.
 */
@ApplicationScoped
public class MatchingIndex {

    private static final Logger LOG = Logger.getLogger(MatchingIndex.class);

    private final AgroalDataSource dataSource;
    private final MatcherFactory factory;
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "matching-index-builder");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile RegistrySnapshot snapshot;
    private volatile String lastError;

    public MatchingIndex(AgroalDataSource dataSource, MatcherFactory factory) {
        this.dataSource = dataSource;
        this.factory = factory;
    }

    void onStart(@Observes StartupEvent event) {
        refreshAsync();
    }

    /** A change committed on this replica: rebuild now rather than at the next poll. */
    void onRegistryChanged(@Observes RegistryChanged event) {
        refreshAsync();
    }

    void onStop(@Observes ShutdownEvent event) {
        builder.shutdownNow();
    }

    /** The current snapshot, empty until the first build finished. */
    public Optional<RegistrySnapshot> current() {
        return Optional.ofNullable(snapshot);
    }

    /** Why the last build failed, or null. */
    public String lastError() {
        return lastError;
    }

    @Scheduled(every = "${qorgau.index.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        refreshAsync();
    }

    /** Starts a rebuild unless one is running or the snapshot is current. */
    public void refreshAsync() {
        if (building.compareAndSet(false, true)) {
            builder.execute(() -> {
                try {
                    refresh();
                } finally {
                    building.set(false);
                }
            });
        }
    }

    /** Rebuilds now, on the calling thread, if the registry moved; returns the snapshot in force afterwards. */
    public synchronized RegistrySnapshot refresh() {
        try (Connection connection = dataSource.getConnection()) {
            long version = headVersion(connection);
            RegistrySnapshot current = snapshot;
            if (current != null && current.version() == version) {
                return current;
            }
            long started = System.nanoTime();
            connection.setAutoCommit(false);
            // read the head and the entries in one REPEATABLE READ snapshot, so version and content agree
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                version = headVersion(connection);
                List<RegistryPerson> people = new ArrayList<>();
                Map<String, RegistryEntry> entries = new HashMap<>();
                try (PreparedStatement statement = connection.prepareStatement(
                        "select " + RegistryService.entryColumns() + " from registry_entry")) {
                    statement.setFetchSize(10_000);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            RegistryEntry entry = RegistryService.readEntry(rs);
                            entries.put(entry.externalId(), entry);
                            people.add(new RegistryPerson(
                                    entry.externalId(),
                                    entry.fullName(),
                                    entry.aliases(),
                                    entry.dateOfBirth(),
                                    entry.photoHashes()));
                        }
                    }
                }
                connection.commit();
                long loaded = System.nanoTime();
                RegistrySnapshot built = new RegistrySnapshot(version, factory.build(people), Map.copyOf(entries));
                snapshot = built;
                lastError = null;
                LOG.infof(
                        "Matching index at registry version %d: %d entries, loaded in %d ms, built in %d ms",
                        version,
                        people.size(),
                        (loaded - started) / 1_000_000,
                        (System.nanoTime() - loaded) / 1_000_000);
                return built;
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            lastError = e.getClass().getSimpleName();
            LOG.warn("Matching index refresh failed; keeping the previous snapshot", e);
            return snapshot;
        }
    }

    private static long headVersion(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("select version from registry_head where id = 1");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
