package org.qorgau.monitoring;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditedWrite;
import org.qorgau.common.Purpose;
import org.qorgau.common.TimeOrderedIds;
import org.qorgau.monitoring.api.EnrolmentRequest;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.security.Caller;

/**
 * The monitoring tables as {@link MonitoringService} uses them: enrolments and alerts. Runs in the service's
 * transactions; audit events are appended on the same transaction's connection, so they commit with the change. The
 * re-screening side (cursor, due people, claims) is {@link RescreenStore}'s.
 */
@ApplicationScoped
public class MonitoringStore {

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

    /** The transaction's writes are sent in JDBC batches of up to {@code size} statements (a group's records). */
    void batchWrites(int size) {
        Panache.getEntityManager().unwrap(Session.class).setJdbcBatchSize(Math.max(1, size));
    }

    void persist(MonitoredPerson person) {
        person.persist();
    }

    void persist(MonitoringAlert alert) {
        alert.persist();
    }

    private static final AuditedWrite.Insert INSERT = AuditedWrite.Insert.into(
            "monitored_person",
            "id uuid",
            "org",
            "reference",
            "full_name",
            "date_of_birth",
            "photo_hash",
            "purpose",
            "position",
            "consent_reference",
            "status",
            "last_check_id uuid",
            "last_verdict",
            "baseline",
            "registry_version bigint",
            "engine_version",
            "screened_version bigint",
            "enrolled_at timestamptz",
            "enrolled_by");

    /**
     * A new enrolment with its first check as the baseline: the person (not stored) and the write that stores it with
     * its audit event. The write goes through the audit group commit, so many enrolments at once share commits.
     */
    record Enrolment(MonitoredPerson person, AuditedWrite write) {}

    Enrolment enrolment(EnrolmentRequest request, CheckResponse check, Caller caller, Instant now) {
        MonitoredPerson person = new MonitoredPerson();
        person.id = TimeOrderedIds.at(now);
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
}
