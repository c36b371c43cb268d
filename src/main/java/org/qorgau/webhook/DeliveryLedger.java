package org.qorgau.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.qorgau.config.WebhookConfig;
import org.qorgau.webhook.DeliveryWorker.Attempt;
import org.qorgau.webhook.DeliveryWorker.Outcome;

/** The transactions around one delivery attempt: what to send before it, what became of it after. */
@ApplicationScoped
public class DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(DeliveryLedger.class);

    private final WebhookStore store;
    private final WebhookConfig config;
    private final WebhookSecrets sealed;

    public DeliveryLedger(WebhookStore store, WebhookConfig config, WebhookSecrets sealed) {
        this.store = store;
        this.config = config;
        this.sealed = sealed;
    }

    /** Reads what one attempt needs; gives up a delivery whose endpoint was deleted or disabled. */
    @Transactional
    Optional<Attempt> prepare(UUID deliveryId) {
        WebhookDelivery delivery = store.delivery(deliveryId).orElse(null);
        if (delivery == null || !WebhookDelivery.PENDING.equals(delivery.status)) {
            return Optional.empty();
        }
        WebhookEndpoint endpoint = store.endpoint(delivery.endpointId).orElseThrow();
        if (endpoint.deletedAt != null || !WebhookEndpoint.ENABLED.equals(endpoint.status)) {
            delivery.status = WebhookDelivery.FAILED;
            delivery.lastError = endpoint.deletedAt != null ? "endpoint deleted" : "endpoint disabled";
            return Optional.empty();
        }
        WebhookMessage message = store.message(delivery.messageId).orElseThrow();
        List<String> secrets = new ArrayList<>();
        String id = endpoint.id.toString();
        try {
            secrets.add(sealed.open(endpoint.secret, id));
            if (endpoint.previousSecret != null
                    && endpoint.previousSecretUntil != null
                    && endpoint.previousSecretUntil.isAfter(Instant.now())) {
                secrets.add(sealed.open(endpoint.previousSecret, id));
            }
        } catch (IllegalStateException e) {
            // a misconfigured key: said plainly, and the delivery stays pending (its claim lapses, it is tried again)
            LOG.warnf("Delivery %s not sent: %s", delivery.id, e.getMessage());
            throw e;
        }
        return Optional.of(new Attempt(delivery.id, endpoint.url, secrets, message.id, message.payload));
    }

    /** Records an attempt's outcome: delivered, retried later, given up, or the endpoint disabled (410). */
    @Transactional
    void record(UUID deliveryId, Outcome outcome) {
        WebhookDelivery delivery = store.delivery(deliveryId).orElse(null);
        if (delivery == null || !WebhookDelivery.PENDING.equals(delivery.status)) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        delivery.attempts++;
        delivery.lastAttemptAt = now;
        delivery.lastStatusCode = outcome.status();
        delivery.lastError = outcome.error() == null ? null : truncate(outcome.error());
        if (outcome.delivered()) {
            delivery.status = WebhookDelivery.DELIVERED;
            delivery.deliveredAt = now;
            return;
        }
        if (outcome.status() != null && outcome.status() == 410) {
            delivery.status = WebhookDelivery.FAILED;
            WebhookEndpoint endpoint = store.endpoint(delivery.endpointId).orElseThrow();
            endpoint.status = WebhookEndpoint.DISABLED;
            endpoint.disabledReason = "The receiver answered 410 Gone at " + now;
            store.giveUpPending(endpoint.id, "endpoint disabled (410 Gone)");
            LOG.infof("Webhook endpoint %s disabled: its receiver answered 410 Gone", endpoint.id);
            return;
        }
        List<Duration> schedule = config.retrySchedule();
        if (delivery.attempts > schedule.size()) {
            delivery.status = WebhookDelivery.FAILED;
            LOG.infof(
                    "Webhook delivery %s given up after %d attempts (%s)",
                    delivery.id, delivery.attempts, delivery.lastError);
            return;
        }
        delivery.nextAttemptAt = now.plus(retryWait(schedule.get(delivery.attempts - 1), outcome.retryAfter()));
    }

    /** The wait before the next attempt: the scheduled one varied by the jitter, and no shorter than Retry-After. */
    Duration retryWait(Duration scheduled, Duration retryAfter) {
        double jitter = Math.max(0, Math.min(1, config.jitter()));
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        Duration wait = Duration.ofMillis(Math.max(0, Math.round(scheduled.toMillis() * factor)));
        if (retryAfter != null) {
            Duration honoured = retryAfter.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : retryAfter;
            if (honoured.compareTo(wait) > 0) {
                wait = honoured;
            }
        }
        return wait;
    }

    private static String truncate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300);
    }
}
