package org.qorgau.dispute;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A dispute of one matched entry of one check (table {@code dispute}); never leaves {@link DisputeService}. */
@Entity
@Table(name = "dispute")
@NamedQueries({
    @NamedQuery(
            name = Dispute.PAGE_ALL,
            query = "from Dispute d where (:status is null or d.status = :status)"
                    + " and (d.openedAt > :afterAt or (d.openedAt = :afterAt and d.id > :afterId))"
                    + " order by d.openedAt, d.id"),
    @NamedQuery(
            name = Dispute.PAGE_OF_ORG,
            query = "from Dispute d where d.checkOrg = :org and (:status is null or d.status = :status)"
                    + " and (d.openedAt > :afterAt or (d.openedAt = :afterAt and d.id > :afterId))"
                    + " order by d.openedAt, d.id")
})
public class Dispute extends PanacheEntityBase {

    static final String PAGE_ALL = "Dispute.pageAll";
    static final String PAGE_OF_ORG = "Dispute.pageOfOrg";

    /** Where a dispute stands. */
    public enum Status {
        /** Waiting for the registry authority (again, after a revoked resolution). */
        OPEN,
        /** Resolved; the resolution is in force. */
        RESOLVED
    }

    @Id
    @Column(name = "dispute_id")
    public UUID id;

    @Column(name = "check_id", nullable = false)
    public UUID checkId;

    @Column(name = "external_id", nullable = false, length = 100)
    public String externalId;

    @Column(name = "check_org", nullable = false, length = 200)
    public String checkOrg;

    @Column(name = "opened_by_org", length = 200)
    public String openedByOrg;

    @Column(name = "opened_by_role", nullable = false, length = 40)
    public String openedByRole;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "grounds", nullable = false, length = 4000)
    public String grounds;

    @Column(name = "identity_key", nullable = false, length = 100)
    public String identityKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    public Status status;

    @Column(name = "audit_sequence", nullable = false)
    public long auditSequence;
}
