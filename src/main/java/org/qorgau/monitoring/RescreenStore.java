package org.qorgau.monitoring;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The re-screening side of the monitoring tables, for {@link Rescreener}: the shared cursor and its lease, which
 * people are due, the claims on them, and the redaction of ended enrolments. Enrolments and alerts as the API sees them
 * are {@link MonitoringStore}'s.
 */
@ApplicationScoped
public class RescreenStore {

    private final AgroalDataSource dataSource;

    public RescreenStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The cursor, leased to {@code owner} until {@code until} if no other replica holds it; empty when another does.
     * The row lock is skipped, not waited for: a replica busy with the cursor is left to it.
     */
    @Transactional
    Optional<Lease> leaseCursor(String owner, Instant now, Instant until) {
        MonitoringCursor cursor = Panache.getEntityManager()
                .createQuery("from MonitoringCursor c where c.id = :id", MonitoringCursor.class)
                .setParameter("id", MonitoringCursor.ID)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (cursor == null
                || (cursor.leaseOwner != null
                        && !cursor.leaseOwner.equals(owner)
                        && cursor.leaseUntil != null
                        && cursor.leaseUntil.isAfter(now))) {
            return Optional.empty();
        }
        cursor.leaseOwner = owner;
        cursor.leaseUntil = until;
        return Optional.of(new Lease(cursor.registryVersion, cursor.engineVersion));
    }

    /** Where the cursor stood when leased. */
    record Lease(long registryVersion, String engineVersion) {}

    /**
     * Ends {@code owner}'s lease and moves the cursor to {@code version} under {@code engine}, with the people found
     * due and those found unaffected: all or nothing, and nothing when the lease was lost meanwhile (the replica that
     * took it over does the work again).
     *
     * @param allDue every active person is due (the engine changed)
     * @return whether the lease was still held
     */
    @Transactional
    boolean advance(
            String owner,
            long version,
            String engine,
            boolean allDue,
            Collection<UUID> due,
            Collection<UUID> screened) {
        MonitoringCursor cursor = Panache.getEntityManager()
                .find(MonitoringCursor.class, MonitoringCursor.ID, LockModeType.PESSIMISTIC_WRITE);
        if (cursor == null || !owner.equals(cursor.leaseOwner)) {
            return false;
        }
        if (allDue) {
            markAllDue(version);
        }
        markDue(due, version);
        markScreened(screened, version);
        cursor.registryVersion = Math.max(cursor.registryVersion, version);
        cursor.engineVersion = engine;
        cursor.leaseOwner = null;
        cursor.leaseUntil = null;
        return true;
    }

    /** Every active person whose changes are known only up to before {@code version}. */
    @Transactional
    List<MonitoredPerson.Probe> activeScreenedBefore(long version) {
        return Panache.getEntityManager()
                .createNamedQuery(MonitoredPerson.ACTIVE_SCREENED_BEFORE, MonitoredPerson.Probe.class)
                .setParameter("version", version)
                .getResultList();
    }

    /**
     * Marks {@code ids} due at {@code version} (unless already due at it or later) and screened up to it (unless already
     * screened to it or later): one statement with the ids as one array parameter, each row written once.
     */
    void markDue(Collection<UUID> ids, long version) {
        update(MARK_DUE, 6, 4, ids, version);
    }

    void markAllDue(long version) {
        Panache.getEntityManager()
                .createNamedQuery(MonitoredPerson.MARK_ALL_DUE)
                .setParameter("version", version)
                .executeUpdate();
    }

    /** Marks {@code ids} screened up to {@code version} where they are behind it: one statement, the ids one array. */
    void markScreened(Collection<UUID> ids, long version) {
        update(MARK_SCREENED, 3, 2, ids, version);
    }

    private static final String MARK_DUE = "update monitored_person set"
            + " due_version = case when due_version is null or due_version < ? then ? else due_version end,"
            + " screened_version = greatest(screened_version, ?), row_version = row_version + 1"
            + " where id = any(?) and (due_version is null or due_version < ? or screened_version < ?)";

    private static final String MARK_SCREENED = "update monitored_person set screened_version = ?,"
            + " row_version = row_version + 1 where id = any(?) and screened_version < ?";

    /**
     * Runs {@code sql} on the transaction's connection with {@code ids} as its one array parameter (at {@code arrayAt})
     * and {@code version} as each of its other {@code parameters}.
     */
    private void update(String sql, int parameters, int arrayAt, Collection<UUID> ids, long version) {
        if (ids.isEmpty()) {
            return;
        }
        Panache.getEntityManager().flush(); // the transaction's pending changes first, on its one connection
        try (Connection connection = dataSource.getConnection()) {
            Array array = connection.createArrayOf("uuid", ids.toArray(UUID[]::new));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 1; i <= parameters; i++) {
                    if (i == arrayAt) {
                        statement.setArray(i, array);
                    } else {
                        statement.setLong(i, version);
                    }
                }
                statement.executeUpdate();
            } finally {
                array.free();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("monitored people could not be marked", e);
        }
    }

    /**
     * Claims up to {@code limit} people whose re-screen is due at a version this replica can screen ({@code
     * servedVersion} or earlier) until {@code until}: rows another replica is claiming right now are skipped, rows whose
     * claim lapsed (the replica died) are taken over. Returns (id, due version) pairs.
     */
    @SuppressWarnings("unchecked")
    @Transactional
    List<Object[]> claimDue(long servedVersion, Instant until, int limit) {
        return Panache.getEntityManager()
                .createNativeQuery("update monitored_person set claimed_until = :until where id in ("
                        + " select id from monitored_person where due_version is not null and due_version <= :served"
                        + " and ended_at is null and (claimed_until is null or claimed_until < now())"
                        + " order by due_version limit :limit for update skip locked)"
                        + " returning id, due_version")
                .setParameter("until", until)
                .setParameter("served", servedVersion)
                .setParameter("limit", limit)
                .getResultList();
    }

    @Transactional
    int redactEndedBefore(Instant before, Instant now) {
        return Panache.getEntityManager()
                .createNamedQuery(MonitoredPerson.REDACT)
                .setParameter("before", before)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** Gives up a due re-screen (it cannot be answered; see the caller). */
    @Transactional
    void dropDue(UUID id, long dueVersion) {
        MonitoredPerson.<MonitoredPerson>findByIdOptional(id).ifPresent(p -> {
            p.claimedUntil = null;
            if (p.dueVersion != null && p.dueVersion <= dueVersion) {
                p.dueVersion = null;
            }
        });
    }
}
