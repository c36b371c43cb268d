package org.qorgau.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.common.TimeOrderedIds;
import org.qorgau.common.Validation;
import org.qorgau.config.WebhookConfig;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.security.Caller;
import org.qorgau.webhook.api.DeliveryView;
import org.qorgau.webhook.api.WebhookEndpointRequest;
import org.qorgau.webhook.api.WebhookEndpointView;

/**
 * Organisations' webhook endpoints and the outbox of events to them. {@link #publish} is called inside the transaction
 * of the change it announces, so an event is in the outbox exactly when that change committed; {@link
 * DeliveryWorker} sends it.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final WebhookStore store;
    private final OutboundUrls urls;
    private final ObjectMapper json;
    private final DeliveryWorker worker;
    private final java.time.Duration overlap;
    private final WebhookSecrets secrets;

    public WebhookService(
            WebhookStore store,
            WebhookConfig config,
            ObjectMapper json,
            DeliveryWorker worker,
            WebhookSecrets secrets) {
        this.store = store;
        this.secrets = secrets;
        this.overlap = config.previousSecretOverlap();
        this.urls = new OutboundUrls(config.allowPrivate());
        this.json = json;
        this.worker = worker;
    }

    /**
     * At start-up: encrypts the secrets still stored in plain text (written before encryption at rest) and re-encrypts
     * those under a retired key, so that after one start every stored secret is sealed under the current key.
     */
    void onStart(@Observes StartupEvent event) {
        try {
            int sealed = store.sealSecrets(secrets);
            if (sealed > 0) {
                LOG.infof("Encrypted the signing secrets of %d webhook endpoints under the current key", sealed);
            }
        } catch (RuntimeException e) {
            // the secrets still open (plain, or under a listed previous key): delivery goes on, the next start retries
            LOG.warnf("Webhook secrets could not be (re-)encrypted at start-up (%s)", e.getMessage());
        }
    }

    /** A page of deliveries and the (createdAt, id) of the last one when more follow. */
    public record DeliveryPage(List<DeliveryView> items, Instant nextAt, UUID nextId) {}

    @Transactional
    public WebhookEndpointView create(WebhookEndpointRequest request, Caller caller) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        String problem = urls.problem(request.url());
        if (problem != null) {
            throw new ValidationException("url", "url " + problem);
        }
        problem = Validation.optionalText(request.description(), 500);
        if (problem != null) {
            throw new ValidationException("description", "description " + problem);
        }
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.org = caller.org();
        endpoint.url = request.url();
        endpoint.description = request.description();
        String secret = WebhookSigner.newSecret();
        endpoint.secret = secrets.seal(secret, endpoint.id.toString());
        endpoint.status = WebhookEndpoint.ENABLED;
        endpoint.createdAt = now();
        endpoint.createdBy = caller.subject();
        store.persist(endpoint);
        audit(caller, endpoint, "created", null);
        return view(endpoint, secret);
    }

    public List<WebhookEndpointView> list(Caller caller) {
        return store.endpoints(caller.org()).stream().map(e -> view(e, null)).toList();
    }

    public WebhookEndpointView find(UUID id, Caller caller) {
        return view(endpoint(id, caller), null);
    }

    /** Deletes an endpoint: nothing more is sent to it, and its pending deliveries are given up. */
    @Transactional
    public void delete(UUID id, Caller caller) {
        WebhookEndpoint endpoint = endpoint(id, caller);
        endpoint.deletedAt = now();
        store.giveUpPending(endpoint.id, "endpoint deleted");
        audit(caller, endpoint, "deleted", null);
    }

    /**
     * A new secret, shown once. The previous one keeps signing (a second signature) for {@code
     * qorgau.webhook.previous-secret-overlap}, so the receiver can switch without losing a delivery.
     */
    @Transactional
    public WebhookEndpointView rotateSecret(UUID id, Caller caller) {
        WebhookEndpoint endpoint = endpoint(id, caller);
        endpoint.previousSecret = endpoint.secret;
        endpoint.previousSecretUntil = now().plus(overlap);
        String secret = WebhookSigner.newSecret();
        endpoint.secret = secrets.seal(secret, endpoint.id.toString());
        audit(caller, endpoint, "secret-rotated", null);
        return view(endpoint, secret);
    }

    public DeliveryPage deliveries(UUID id, Caller caller, Instant afterAt, UUID afterId, int limit) {
        WebhookEndpoint endpoint = endpoint(id, caller);
        List<WebhookDelivery> found = store.deliveries(endpoint.id, afterAt, afterId, limit + 1);
        boolean more = found.size() > limit;
        List<WebhookDelivery> page = more ? found.subList(0, limit) : found;
        WebhookDelivery last = more ? page.get(page.size() - 1) : null;
        return new DeliveryPage(
                page.stream().map(this::view).toList(),
                last == null ? null : last.createdAt,
                last == null ? null : last.id);
    }

    /** Sends a delivery's message again, now, as a new delivery with the same {@code webhook-id}. */
    @Transactional
    public DeliveryView redeliver(UUID id, UUID deliveryId, Caller caller) {
        WebhookEndpoint endpoint = endpoint(id, caller);
        WebhookDelivery earlier = store.delivery(deliveryId)
                .filter(d -> d.endpointId.equals(endpoint.id))
                .orElseThrow(() -> new NotFoundException("No such delivery."));
        if (!WebhookEndpoint.ENABLED.equals(endpoint.status)) {
            throw new org.qorgau.error.ConflictException(
                    "The endpoint is disabled (its receiver answered 410 Gone); register it again to receive events.");
        }
        WebhookDelivery delivery = newDelivery(endpoint.id, earlier.messageId);
        store.persist(delivery);
        audit(
                caller,
                endpoint,
                "redelivery",
                Map.of("deliveryId", deliveryId.toString(), "messageId", earlier.messageId));
        worker.wakeAfterCommit();
        return view(delivery);
    }

    /**
     * Puts an event for every enabled endpoint of {@code org} into the outbox, in the caller's transaction. The body is
     * {@code {type, timestamp, data}}, fixed here: every attempt sends and signs the same bytes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String org, String type, Instant timestamp, Map<String, Object> data) {
        publish(new Event(org, type, timestamp, data), store.enabledEndpoints(org));
    }

    /** An event to publish: as {@link #publish}'s arguments. */
    public record Event(String org, String type, Instant timestamp, Map<String, Object> data) {}

    /**
     * Publishes many events as {@link #publish} publishes one, in the caller's transaction, reading each organisation's
     * enabled endpoints once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Event> events) {
        Map<String, List<WebhookEndpoint>> endpoints = new java.util.HashMap<>();
        for (Event event : events) {
            publish(event, endpoints.computeIfAbsent(event.org(), store::enabledEndpoints));
        }
    }

    private void publish(Event event, List<WebhookEndpoint> endpoints) {
        if (endpoints.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", event.timestamp().toString());
        body.put("data", event.data());
        WebhookMessage message = new WebhookMessage();
        message.id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        message.org = event.org();
        message.type = event.type();
        try {
            message.payload = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload could not be written", e);
        }
        message.createdAt = now();
        store.persist(message);
        for (WebhookEndpoint endpoint : endpoints) {
            store.persist(newDelivery(endpoint.id, message.id));
        }
        worker.wakeAfterCommit();
    }

    private static WebhookDelivery newDelivery(UUID endpoint, String messageId) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.createdAt = now();
        delivery.id = TimeOrderedIds.at(delivery.createdAt);
        delivery.endpointId = endpoint;
        delivery.messageId = messageId;
        delivery.status = WebhookDelivery.PENDING;
        delivery.nextAttemptAt = delivery.createdAt;
        return delivery;
    }

    private WebhookEndpoint endpoint(UUID id, Caller caller) {
        return store.endpoint(id, caller.org()).orElseThrow(() -> new NotFoundException("No such webhook endpoint."));
    }

    private void audit(Caller caller, WebhookEndpoint endpoint, String change, Map<String, Object> more) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("endpointId", endpoint.id.toString());
        query.put("url", endpoint.url);
        if (more != null) {
            query.putAll(more);
        }
        store.audit(new AuditEventDraft(
                AuditEventType.WEBHOOK_ENDPOINT_CHANGED, caller, null, query, Map.of("change", change), null, null));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static WebhookEndpointView view(WebhookEndpoint endpoint, String secret) {
        return new WebhookEndpointView(
                endpoint.id,
                endpoint.url,
                endpoint.description,
                endpoint.status,
                endpoint.disabledReason,
                endpoint.createdAt,
                secret);
    }

    private DeliveryView view(WebhookDelivery delivery) {
        String type = store.message(delivery.messageId).map(m -> m.type).orElse(null);
        return new DeliveryView(
                delivery.id,
                delivery.messageId,
                type,
                delivery.status,
                delivery.attempts,
                WebhookDelivery.PENDING.equals(delivery.status) ? delivery.nextAttemptAt : null,
                delivery.lastAttemptAt,
                delivery.lastStatusCode,
                delivery.lastError,
                delivery.deliveredAt,
                delivery.createdAt);
    }
}
