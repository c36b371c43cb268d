package org.qorgau.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event, sent to each of the organisation's endpoints: its id is the {@code webhook-id} of every attempt. */
@Entity
@Table(name = "webhook_message")
public class WebhookMessage extends PanacheEntityBase {

    @Id
    public String id;

    public String org;
    public String type;

    /** The exact body sent and signed. */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;
}
