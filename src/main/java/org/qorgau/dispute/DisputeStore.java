package org.qorgau.dispute;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The one way to the dispute tables ({@code dispute}, {@code dispute_resolution}); used by the dispute services. */
@ApplicationScoped
public class DisputeStore implements PanacheRepositoryBase<Dispute, UUID> {

    private static final Instant BEGINNING = Instant.EPOCH;
    private static final UUID LOWEST = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private final AgroalDataSource dataSource;

    public DisputeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

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
     * Resolutions in force about any of these entries and the candidate's identity, newest first. Every check with a
     * match asks this, so it is one plain statement on its own connection (the same query through Hibernate and a
     * transaction was a tenth of a check's CPU); the rows come back as detached {@link DisputeResolution}s, read only.
     * Most matched entries were never disputed: the rows are selected by entry, and {@code identityKeys} (the
     * candidate's identity hashes, whose parsing and keyed hashing cost more than the query) is asked only when some
     * entry has a resolution, to keep those about this identity.
     */
    List<DisputeResolution> inForceFor(Supplier<Collection<String>> identityKeys, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        List<DisputeResolution> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select resolution_id, dispute_id,"
                        + " identity_key, external_id, decision, reason, entry_hash, resolved_at, audit_sequence"
                        + " from dispute_resolution where external_id = any(?) and revoked_at is null"
                        + " order by resolved_at desc, resolution_id")) {
            statement.setArray(1, connection.createArrayOf("varchar", externalIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
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
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading dispute resolutions failed", e);
        }
        if (out.isEmpty()) {
            return out;
        }
        Set<String> identity = Set.copyOf(identityKeys.get());
        out.removeIf(r -> !identity.contains(r.identityKey));
        return out;
    }
}
