package org.qorgau.webhook;

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

/** The outbox: one message to one endpoint, until it is delivered or given up. */
@Entity
@Table(name = "webhook_delivery")
@NamedQueries({
    @NamedQuery(
            name = WebhookDelivery.OF_ENDPOINT,
            query = "from WebhookDelivery d where d.endpointId = :endpoint order by d.createdAt desc, d.id desc"),
    @NamedQuery(
            name = WebhookDelivery.OF_ENDPOINT_AFTER,
            query = "from WebhookDelivery d where d.endpointId = :endpoint"
                    + " and (d.createdAt < :afterAt or (d.createdAt = :afterAt and d.id < :afterId))"
                    + " order by d.createdAt desc, d.id desc"),
    @NamedQuery(
            name = WebhookDelivery.GIVE_UP_PENDING_OF_ENDPOINT,
            query = "update WebhookDelivery d set d.status = 'FAILED', d.lastError = :reason,"
                    + " d.rowVersion = d.rowVersion + 1 where d.endpointId = :endpoint and d.status = 'PENDING'")
})
public class WebhookDelivery extends PanacheEntityBase {

    static final String OF_ENDPOINT = "WebhookDelivery.ofEndpoint";
    static final String OF_ENDPOINT_AFTER = "WebhookDelivery.ofEndpointAfter";
    static final String GIVE_UP_PENDING_OF_ENDPOINT = "WebhookDelivery.giveUpPendingOfEndpoint";

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(name = "endpoint_id")
    public UUID endpointId;

    @Column(name = "message_id")
    public String messageId;

    public String status;
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
