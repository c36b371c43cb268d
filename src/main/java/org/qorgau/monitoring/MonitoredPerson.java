package org.qorgau.monitoring;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A person an organisation enrolled in continuous monitoring: the candidate as enrolled, the matches of the last check
 * (the baseline a re-screen is compared with) and where re-screening stands. Never leaves {@link MonitoringService}.
 */
@Entity
@Table(name = "monitored_person")
@NamedQueries({
    @NamedQuery(
            name = MonitoredPerson.ACTIVE_SCREENED_BEFORE,
            query = "select new org.qorgau.monitoring.MonitoredPerson$Probe(p.id, p.fullName, p.dateOfBirth,"
                    + " p.photoHash, p.baseline, p.screenedVersion) from MonitoredPerson p"
                    + " where p.endedAt is null and p.screenedVersion < :version"),
    @NamedQuery(
            name = MonitoredPerson.MARK_ALL_DUE,
            query = "update MonitoredPerson p set p.dueVersion = :version, p.rowVersion = p.rowVersion + 1"
                    + " where p.endedAt is null and (p.dueVersion is null or p.dueVersion < :version)"),
    @NamedQuery(
            name = MonitoredPerson.REDACT,
            query = "update MonitoredPerson p set p.fullName = null, p.dateOfBirth = null, p.photoHash = null,"
                    + " p.baseline = '', p.redactedAt = :now, p.rowVersion = p.rowVersion + 1"
                    + " where p.endedAt < :before and p.redactedAt is null")
})
public class MonitoredPerson extends PanacheEntityBase {

    static final String ACTIVE_SCREENED_BEFORE = "MonitoredPerson.activeScreenedBefore";
    static final String MARK_ALL_DUE = "MonitoredPerson.markAllDue";
    static final String REDACT = "MonitoredPerson.redact";

    /** What a re-screen needs of a person, read for many at once. */
    public record Probe(
            UUID id, String fullName, String dateOfBirth, String photoHash, String baseline, long screenedVersion) {}

    @Id
    public UUID id;

    public String org;
    public String reference;

    @Column(name = "full_name")
    public String fullName;

    @Column(name = "date_of_birth")
    public String dateOfBirth;

    @Column(name = "photo_hash")
    public String photoHash;

    public String purpose;
    public String position;

    @Column(name = "consent_reference")
    public String consentReference;

    public String status;

    @Column(name = "status_check_id")
    public UUID statusCheckId;

    @Column(name = "last_check_id")
    public UUID lastCheckId;

    @Column(name = "last_verdict")
    public String lastVerdict;

    public String baseline;

    @Column(name = "registry_version")
    public long registryVersion;

    @Column(name = "engine_version")
    public String engineVersion;

    @Column(name = "screened_version")
    public long screenedVersion;

    @Column(name = "due_version")
    public Long dueVersion;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "enrolled_at")
    public Instant enrolledAt;

    @Column(name = "enrolled_by")
    public String enrolledBy;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "redacted_at")
    public Instant redactedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
