package org.qorgau.dispute;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qorgau.common.Reads;

/** The one way to the dispute tables ({@code dispute}, {@code dispute_resolution}); used by the dispute services. */
@ApplicationScoped
public class DisputeStore implements PanacheRepositoryBase<Dispute, UUID> {

    private static final Instant BEGINNING = Instant.EPOCH;
    private static final UUID LOWEST = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    Optional<Dispute> forCheckEntry(UUID checkId, String externalId) {
        return find("checkId = ?1 and externalId = ?2", checkId, externalId).firstResultOptional();
    }

    /** A page of disputes, oldest first, after the cursor; {@code org} null means every organisation's. */
    List<Dispute> page(String org, Dispute.Status status, Instant afterAt, UUID afterId, int limit) {
        Parameters parameters = Parameters.with("status", status)
                .and("afterAt", afterAt == null ? BEGINNING : afterAt)
                .and("afterId", afterId == null ? LOWEST : afterId);
        if (org != null) {
            parameters.and("org", org);
        }
        return find("#" + (org == null ? Dispute.PAGE_ALL : Dispute.PAGE_OF_ORG), parameters)
                .page(0, limit)
                .list();
    }

    void addResolution(DisputeResolution resolution) {
        resolution.persist();
    }

    Optional<DisputeResolution> inForce(UUID disputeId) {
        return inForce(List.of(disputeId)).values().stream().findFirst();
    }

    /** The resolutions in force of these disputes, by dispute id. */
    Map<UUID, DisputeResolution> inForce(Collection<UUID> disputeIds) {
        if (disputeIds.isEmpty()) {
            return Map.of();
        }
        return DisputeResolution.<DisputeResolution>find(
                        "#" + DisputeResolution.IN_FORCE_OF, Parameters.with("disputeIds", disputeIds))
                .stream()
                .collect(Collectors.toMap(r -> r.disputeId, Function.identity()));
    }

    /**
     * Resolutions in force about any of these entries, newest first, whoever they are about: the caller keeps those
     * about its candidate's identity ({@link ResolvedDisputes}), whose hashes cost more than the query and are needed
     * only when some entry has one. Every check with a match asks this, so it is one plain SELECT run with the check's
     * other reads in one round trip ({@link Reads}; through Hibernate and a transaction of its own it was a tenth of
     * a check's CPU); the rows come back as detached {@link DisputeResolution}s, read only.
     */
    Reads.Read<List<DisputeResolution>> inForceRead(Collection<String> externalIds) {
        return Reads.read(
                "select resolution_id, dispute_id, identity_key, external_id, decision, reason, entry_hash, resolved_at,"
                        + " audit_sequence from dispute_resolution where external_id = any(?) and revoked_at is null"
                        + " order by resolved_at desc, resolution_id",
                rs -> {
                    List<DisputeResolution> out = new ArrayList<>();
                    while (rs.next()) {
                        DisputeResolution r = new DisputeResolution();
                        r.id = rs.getObject("resolution_id", UUID.class);
                        r.disputeId = rs.getObject("dispute_id", UUID.class);
                        r.identityKey = rs.getString("identity_key");
                        r.externalId = rs.getString("external_id");
                        r.decision = DisputeResolution.Decision.valueOf(rs.getString("decision"));
                        r.reason = rs.getString("reason");
                        r.entryHash = rs.getString("entry_hash");
                        r.resolvedAt = rs.getTimestamp("resolved_at").toInstant();
                        r.auditSequence = rs.getLong("audit_sequence");
                        out.add(r);
                    }
                    return out;
                },
                externalIds);
    }
}
