package org.qorgau.monitoring;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
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

    /** Ids per bulk statement: keeps parameter lists well below PostgreSQL's limit. */
    private static final int IDS_PER_STATEMENT = 5_000;

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
        markScreened(due, version);
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

    void markDue(Collection<UUID> ids, long version) {
        for (List<UUID> part : parts(ids)) {
            Panache.getEntityManager()
                    .createNamedQuery(MonitoredPerson.MARK_DUE)
                    .setParameter("ids", part)
                    .setParameter("version", version)
                    .executeUpdate();
        }
    }

    void markAllDue(long version) {
        Panache.getEntityManager()
                .createNamedQuery(MonitoredPerson.MARK_ALL_DUE)
                .setParameter("version", version)
                .executeUpdate();
    }

    void markScreened(Collection<UUID> ids, long version) {
        for (List<UUID> part : parts(ids)) {
            Panache.getEntityManager()
                    .createNamedQuery(MonitoredPerson.MARK_SCREENED)
                    .setParameter("ids", part)
                    .setParameter("version", version)
                    .executeUpdate();
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

    private static List<List<UUID>> parts(Collection<UUID> ids) {
        List<UUID> all = new ArrayList<>(ids);
        List<List<UUID>> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IDS_PER_STATEMENT) {
            parts.add(all.subList(i, Math.min(all.size(), i + IDS_PER_STATEMENT)));
        }
        return parts;
    }
}
