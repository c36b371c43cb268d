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

/** An organisation's webhook receiver and the secret deliveries to it are signed with. */
@Entity
@Table(name = "webhook_endpoint")
@NamedQueries({
    @NamedQuery(
            name = WebhookEndpoint.OF_ORG,
            query = "from WebhookEndpoint e where e.org = :org and e.deletedAt is null order by e.createdAt, e.id"),
    @NamedQuery(
            name = WebhookEndpoint.ENABLED_OF_ORG,
            query = "from WebhookEndpoint e where e.org = :org and e.deletedAt is null and e.status = 'ENABLED'")
})
public class WebhookEndpoint extends PanacheEntityBase {

    static final String OF_ORG = "WebhookEndpoint.ofOrg";
    static final String ENABLED_OF_ORG = "WebhookEndpoint.enabledOfOrg";

    static final String ENABLED = "ENABLED";
    static final String DISABLED = "DISABLED";

    @Id
    public UUID id;

    public String org;
    public String url;
    public String description;
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    public String status;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Version
    @Column(name = "row_version")
    public long rowVersion;
}
