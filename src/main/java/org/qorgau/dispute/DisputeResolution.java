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

/** A registry authority's resolution of a dispute (table {@code dispute_resolution}); kept when revoked. */
@Entity
@Table(name = "dispute_resolution")
@NamedQueries({
    @NamedQuery(
            name = DisputeResolution.IN_FORCE_OF,
            query = "from DisputeResolution r where r.disputeId in :disputeIds and r.revokedAt is null")
})
public class DisputeResolution extends PanacheEntityBase {

    static final String IN_FORCE_OF = "DisputeResolution.inForceOf";

    /** The registry authority's two answers. */
    public enum Decision {
        NOT_SAME_PERSON,
        SAME_PERSON
    }

    @Id
    @Column(name = "resolution_id")
    public UUID id;

    @Column(name = "dispute_id", nullable = false)
    public UUID disputeId;

    @Column(name = "identity_key", nullable = false, length = 100)
    public String identityKey;

    @Column(name = "external_id", nullable = false, length = 100)
    public String externalId;

    @Enumerated(EnumType.STRING)
    @Column(name = "decision", nullable = false, length = 20)
    public Decision decision;

    @Column(name = "reason", nullable = false, length = 2000)
    public String reason;

    /** SHA-256 of the entry's canonical JSON when resolved; null when the entry no longer existed. */
    @Column(name = "entry_hash", length = 64)
    public String entryHash;

    @Column(name = "resolved_at", nullable = false)
    public Instant resolvedAt;

    @Column(name = "audit_sequence", nullable = false)
    public long auditSequence;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason", length = 2000)
    public String revocationReason;

    @Column(name = "revocation_audit_sequence")
    public Long revocationAuditSequence;
}
