package org.qorgau.dispute;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** Resolutions in force about any of these identity hashes and entries, newest first. */
    List<DisputeResolution> inForceFor(Collection<String> identityKeys, Collection<String> externalIds) {
        if (identityKeys.isEmpty() || externalIds.isEmpty()) {
            return List.of();
        }
        return DisputeResolution.<DisputeResolution>find(
                        "#" + DisputeResolution.IN_FORCE_FOR,
                        Parameters.with("identityKeys", identityKeys).and("externalIds", externalIds))
                .list();
    }
}
