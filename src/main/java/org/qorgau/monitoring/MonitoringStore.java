package org.qorgau.monitoring;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditedWrite;
import org.qorgau.common.Purpose;
import org.qorgau.monitoring.api.EnrolmentRequest;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.security.Caller;

/**
 * The one way to the monitoring tables. Runs in its callers' transactions ({@link MonitoringService}, {@link
 * Rescreener}); audit events are appended on the same transaction's connection, so they commit with the change.
 */
@ApplicationScoped
public class MonitoringStore {

    /** Ids per bulk statement: keeps parameter lists well below PostgreSQL's limit. */
    private static final int IDS_PER_STATEMENT = 5_000;

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;

    public MonitoringStore(AgroalDataSource dataSource, AuditLog auditLog) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
    }

    void audit(AuditEventDraft draft) {
        Panache.getEntityManager().flush(); // the change first, then its event, on the transaction's one connection
        try (Connection connection = dataSource.getConnection()) {
            auditLog.append(connection, draft);
        } catch (SQLException e) {
            throw new IllegalStateException("audit event could not be written", e);
        }
    }

    void persist(MonitoredPerson person) {
        person.persist();
    }

    void persist(MonitoringAlert alert) {
        alert.persist();
    }

    private static final String INSERT = "insert into monitored_person (id, org, reference, full_name, date_of_birth,"
            + " photo_hash, purpose, position, consent_reference, status, last_check_id, last_verdict, baseline,"
            + " registry_version, engine_version, screened_version, enrolled_at, enrolled_by)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * A new enrolment with its first check as the baseline: the person (not stored) and the write that stores it with
     * its audit event. The write goes through the audit group commit, so many enrolments at once share commits.
     */
    record Enrolment(MonitoredPerson person, AuditedWrite write) {}

    Enrolment enrolment(EnrolmentRequest request, CheckResponse check, Caller caller, Instant now) {
        MonitoredPerson person = new MonitoredPerson();
        person.id = UUID.randomUUID();
        person.org = caller.org();
        person.reference = request.reference();
        person.fullName = request.candidate().fullName();
        person.dateOfBirth = request.candidate().dateOfBirth();
        person.photoHash = request.candidate().photoHash() == null
                ? null
                : request.candidate().photoHash().toLowerCase(java.util.Locale.ROOT);
        person.purpose = request.purpose();
        person.position = request.position();
        person.consentReference = request.consentReference();
        person.status = MonitoringService.NO_NEW_INFORMATION;
        person.lastCheckId = check.checkId();
        person.lastVerdict = check.verdict();
        person.baseline = Baseline.of(check.matches()).format();
        person.registryVersion = check.registryVersion();
        person.engineVersion = check.engineVersion();
        person.screenedVersion = check.registryVersion();
        person.enrolledAt = now;
        person.enrolledBy = caller.subject();
        java.util.Map<String, Object> query = new java.util.LinkedHashMap<>();
        query.put("monitoredPersonId", person.id.toString());
        query.put("reference", person.reference);
        query.put("position", person.position);
        query.put("consentReference", person.consentReference);
        AuditEventDraft event = new AuditEventDraft(
                org.qorgau.audit.AuditEventType.MONITORING_ENROLMENT_CHANGED,
                caller,
                person.purpose == null ? null : Purpose.valueOf(person.purpose),
                query,
                java.util.Map.of(
                        "change", "enrolled", "checkId", check.checkId().toString()),
                check.registryVersion(),
                check.checkId());
        AuditedWrite.Row row = AuditedWrite.Row.of(
                INSERT,
                person.id,
                person.org,
                person.reference,
                person.fullName,
                person.dateOfBirth,
                person.photoHash,
                person.purpose,
                person.position,
                person.consentReference,
                person.status,
                person.lastCheckId,
                person.lastVerdict,
                person.baseline,
                person.registryVersion,
                person.engineVersion,
                person.screenedVersion,
                Timestamp.from(person.enrolledAt),
                person.enrolledBy);
        return new Enrolment(person, new AuditedWrite(event, List.of(row)));
    }

    /** The person if it belongs to {@code org} (another organisation's person is as absent as an unknown id). */
    Optional<MonitoredPerson> person(UUID id, String org) {
        return MonitoredPerson.<MonitoredPerson>findByIdOptional(id).filter(p -> p.org.equals(org));
    }

    Optional<MonitoredPerson> person(UUID id) {
        return MonitoredPerson.findByIdOptional(id);
    }

    /** A page of an organisation's people, newest enrolment first, after {@code after} (enrolledAt, id). */
    List<MonitoredPerson> people(
            String org,
            String status,
            String reference,
            boolean includeEnded,
            Instant afterAt,
            UUID afterId,
            int limit) {
        StringBuilder query = new StringBuilder("org = :org");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("org", org);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (reference != null) {
            query.append(" and reference = :reference");
            parameters.and("reference", reference);
        }
        if (!includeEnded) {
            query.append(" and endedAt is null");
        }
        if (afterAt != null) {
            query.append(" and (enrolledAt < :afterAt or (enrolledAt = :afterAt and id < :afterId))");
            parameters.and("afterAt", afterAt).and("afterId", afterId);
        }
        query.append(" order by enrolledAt desc, id desc");
        return MonitoredPerson.<MonitoredPerson>find(query.toString(), parameters)
                .page(0, limit)
                .list();
    }

    /** A page of an organisation's alerts, newest first. */
    List<MonitoringAlert> alerts(String org, Boolean acknowledged, Instant afterAt, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("org = :org");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("org", org);
        if (acknowledged != null) {
            query.append(acknowledged ? " and acknowledgedAt is not null" : " and acknowledgedAt is null");
        }
        if (afterAt != null) {
            query.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            parameters.and("afterAt", afterAt).and("afterId", afterId);
        }
        query.append(" order by createdAt desc, id desc");
        return MonitoringAlert.<MonitoringAlert>find(query.toString(), parameters)
                .page(0, limit)
                .list();
    }

    Optional<MonitoringAlert> alert(UUID id, String org) {
        return MonitoringAlert.<MonitoringAlert>findByIdOptional(id).filter(a -> a.org.equals(org));
    }

    long openAlerts(UUID person) {
        return Panache.getEntityManager()
                .createNamedQuery(MonitoringAlert.OPEN_OF_PERSON, Long.class)
                .setParameter("person", person)
                .getSingleResult();
    }

    // ---- re-screening ----------------------------------------------------------------------------------------------

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
