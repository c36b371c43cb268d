package org.qorgau.monitoring;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Where re-screening stands (one row): every registry change up to {@link #registryVersion} has been turned into due
 * re-screens under {@link #engineVersion}. A replica leases it while it works out who the next change affects.
 */
@Entity
@Table(name = "monitoring_cursor")
public class MonitoringCursor extends PanacheEntityBase {

    static final short ID = 1;

    @Id
    public short id;

    @Column(name = "registry_version")
    public long registryVersion;

    @Column(name = "engine_version")
    public String engineVersion;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;
}
