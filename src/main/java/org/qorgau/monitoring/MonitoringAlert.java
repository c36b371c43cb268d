package org.qorgau.monitoring;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.qorgau.common.TimeOrderedIds;

/** New information about a monitored person, until the organisation acknowledges it. */
@Entity
@Table(name = "monitoring_alert")
@NamedQueries({
    @NamedQuery(
            name = MonitoringAlert.OPEN_OF_PERSON,
            query = "select count(a) from MonitoringAlert a"
                    + " where a.monitoredPersonId = :person and a.acknowledgedAt is null")
})
public class MonitoringAlert extends PanacheEntityBase {

    static final String OPEN_OF_PERSON = "MonitoringAlert.openOfPerson";

    @Id
    public UUID id;

    public String org;

    @Column(name = "monitored_person_id")
    public UUID monitoredPersonId;

    @Column(name = "check_id")
    public UUID checkId;

    public String verdict;
    public String reason;

    @Column(name = "registry_version")
    public long registryVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    /** A new alert: {@code check} found {@code reason} for {@code person}. */
    static MonitoringAlert of(
            MonitoredPerson person, org.qorgau.screening.api.CheckResponse check, Baseline.Reason reason, Instant at) {
        MonitoringAlert alert = new MonitoringAlert();
        alert.id = TimeOrderedIds.at(at);
        alert.org = person.org;
        alert.monitoredPersonId = person.id;
        alert.checkId = check.checkId();
        alert.verdict = check.verdict();
        alert.reason = reason.name();
        alert.registryVersion = check.registryVersion();
        alert.createdAt = at;
        return alert;
    }
}
