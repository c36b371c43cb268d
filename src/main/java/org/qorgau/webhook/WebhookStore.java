package org.qorgau.webhook;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditLog;

/** The one way to the webhook tables; runs in its callers' transactions unless a method says otherwise. */
@ApplicationScoped
public class WebhookStore {

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;

    public WebhookStore(AgroalDataSource dataSource, AuditLog auditLog) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
    }

    void audit(AuditEventDraft draft) {
        Panache.getEntityManager().flush();
        try (Connection connection = dataSource.getConnection()) {
            auditLog.append(connection, draft);
        } catch (SQLException e) {
            throw new IllegalStateException("audit event could not be written", e);
        }
    }

    void persist(io.quarkus.hibernate.orm.panache.PanacheEntityBase entity) {
        entity.persist();
    }

    Optional<WebhookEndpoint> endpoint(UUID id, String org) {
        return WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id)
                .filter(e -> e.org.equals(org) && e.deletedAt == null);
    }

    Optional<WebhookEndpoint> endpoint(UUID id) {
        return WebhookEndpoint.findByIdOptional(id);
    }

    List<WebhookEndpoint> endpoints(String org) {
        return Panache.getEntityManager()
                .createNamedQuery(WebhookEndpoint.OF_ORG, WebhookEndpoint.class)
                .setParameter("org", org)
                .getResultList();
    }

    List<WebhookEndpoint> enabledEndpoints(String org) {
        return Panache.getEntityManager()
                .createNamedQuery(WebhookEndpoint.ENABLED_OF_ORG, WebhookEndpoint.class)
                .setParameter("org", org)
                .getResultList();
    }

    List<WebhookDelivery> deliveries(UUID endpoint, Instant afterAt, UUID afterId, int limit) {
        var query = afterAt == null
                ? Panache.getEntityManager().createNamedQuery(WebhookDelivery.OF_ENDPOINT, WebhookDelivery.class)
                : Panache.getEntityManager()
                        .createNamedQuery(WebhookDelivery.OF_ENDPOINT_AFTER, WebhookDelivery.class)
                        .setParameter("afterAt", afterAt)
                        .setParameter("afterId", afterId);
        return query.setParameter("endpoint", endpoint).setMaxResults(limit).getResultList();
    }

    Optional<WebhookDelivery> delivery(UUID id) {
        return WebhookDelivery.findByIdOptional(id);
    }

    Optional<WebhookMessage> message(String id) {
        return WebhookMessage.findByIdOptional(id);
    }

    void giveUpPending(UUID endpoint, String reason) {
        Panache.getEntityManager()
                .createNamedQuery(WebhookDelivery.GIVE_UP_PENDING_OF_ENDPOINT)
                .setParameter("endpoint", endpoint)
                .setParameter("reason", reason)
                .executeUpdate();
    }

    /**
     * Claims up to {@code limit} due deliveries until {@code until}: rows another replica is claiming right now are
     * skipped ({@code FOR UPDATE SKIP LOCKED}); a claim is a lease on {@code next_attempt_at}, so the deliveries of a
     * replica that dies mid-attempt fall due again when it lapses and another replica sends them.
     */
    @SuppressWarnings("unchecked")
    @Transactional
    List<UUID> claimDue(Instant until, int limit) {
        return Panache.getEntityManager()
                .createNativeQuery("update webhook_delivery set next_attempt_at = :until, row_version = row_version + 1"
                        + " where id in (select id from webhook_delivery where status = 'PENDING'"
                        + " and next_attempt_at <= now() order by next_attempt_at limit :limit for update skip locked)"
                        + " returning id")
                .setParameter("until", until)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Seals every stored secret not yet sealed under the current key (see {@link WebhookSecrets}); returns how many. */
    @Transactional
    int sealSecrets(WebhookSecrets secrets) {
        int sealed = 0;
        for (WebhookEndpoint endpoint : WebhookEndpoint.<WebhookEndpoint>listAll()) {
            String id = endpoint.id.toString();
            boolean changed = false;
            if (secrets.needsSealing(endpoint.secret)) {
                endpoint.secret = secrets.seal(secrets.open(endpoint.secret, id), id);
                changed = true;
            }
            if (secrets.needsSealing(endpoint.previousSecret)) {
                endpoint.previousSecret = secrets.seal(secrets.open(endpoint.previousSecret, id), id);
                changed = true;
            }
            if (changed) {
                sealed++;
            }
        }
        return sealed;
    }
}
