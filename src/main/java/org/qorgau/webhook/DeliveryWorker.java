package org.qorgau.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.qorgau.common.BackgroundWork;
import org.qorgau.config.WebhookConfig;

/**
 * Sends the outbox. Each replica claims due deliveries ({@link WebhookStore#claimDue}: {@code FOR UPDATE SKIP LOCKED}
 * with a lease), sends them in parallel outside any transaction, then records each outcome. At least once: a replica
 * that dies after sending but before recording leaves the delivery to be sent again, with the same {@code webhook-id}
 * (receivers deduplicate on it). A 2xx answer delivers; 410 Gone disables the endpoint; anything else (another status,
 * a refused connection, a timeout, an address that is no longer allowed) is retried on {@code
 * qorgau.webhook.retry-schedule} with jitter, no sooner than the receiver's {@code Retry-After}.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** An attempt to make: everything needed to send, read in one short transaction. */
    record Attempt(UUID deliveryId, String url, List<String> secrets, String messageId, String payload) {}

    /** What the receiver answered: a status (null when nothing came back) and why it failed, if it did. */
    record Outcome(Integer status, Duration retryAfter, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final WebhookConfig config;
    private final WebhookStore store;
    private final DeliveryLedger ledger;
    private final OutboundUrls urls;
    private final TransactionSynchronizationRegistry transactions;
    private final HttpClient client;
    private final ExecutorService senders;
    private final BackgroundWork work;
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(r -> daemon(r, "webhook-wakeup"));
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile String lastError;

    public DeliveryWorker(
            WebhookConfig config,
            TransactionSynchronizationRegistry transactions,
            WebhookStore store,
            DeliveryLedger ledger,
            BackgroundWork work) {
        this.config = config;
        this.work = work;
        this.store = store;
        this.ledger = ledger;
        this.urls = new OutboundUrls(config.allowPrivate());
        this.transactions = transactions;
        this.senders = Executors.newFixedThreadPool(Math.max(1, config.claimBatch()), r -> daemon(r, "webhook-send"));
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could point inside the network
                .version(HttpClient.Version.HTTP_1_1)
                .executor(senders)
                .build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    void onStop(@Observes ShutdownEvent event) {
        wakeups.shutdownNow();
        senders.shutdownNow();
    }

    /** Sends what is due as soon as the current transaction commits (rather than at the next poll). */
    void wakeAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wakeups.execute(DeliveryWorker.this::sendDue);
                }
            }
        });
    }

    @Scheduled(every = "${qorgau.webhook.poll-interval:1s}", delayed = "2s")
    void poll() {
        sendDue();
    }

    /** Claims and sends due deliveries until none are left; one round at a time per replica. */
    void sendDue() {
        work.run(this::sendRound);
    }

    private void sendRound() {
        if (!running.compareAndSet(false, true)) {
            again.set(true); // the running round looks again before it ends
            return;
        }
        try {
            do {
                again.set(false);
                while (sendBatch() > 0) {
                    // more may be due
                }
            } while (again.get());
            lastError = null;
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName();
            if (!error.equals(lastError)) {
                LOG.warnf("Webhook delivery round failed (%s); retrying", error);
            }
            LOG.debug("Webhook delivery round failed", e);
            lastError = error;
        } finally {
            running.set(false);
        }
    }

    private int sendBatch() {
        List<UUID> claimed = claimDue();
        List<Future<?>> sending = new ArrayList<>();
        for (UUID id : claimed) {
            sending.add(senders.submit(() -> send(id)));
        }
        for (Future<?> future : sending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } catch (ExecutionException e) {
                LOG.debugf(e.getCause(), "Webhook delivery failed");
            }
        }
        return claimed.size();
    }

    List<UUID> claimDue() {
        return store.claimDue(Instant.now().plus(config.claimLease()), Math.max(1, config.claimBatch()));
    }

    private void send(UUID deliveryId) {
        Optional<Attempt> attempt = ledger.prepare(deliveryId);
        if (attempt.isEmpty()) {
            return;
        }
        Outcome outcome = attempt(attempt.get());
        ledger.record(deliveryId, outcome);
    }

    /** One HTTP attempt, bounded by {@code qorgau.webhook.timeout} from connecting to the end of the answer. */
    Outcome attempt(Attempt attempt) {
        String refused = urls.problem(attempt.url()); // again at delivery: the name may point elsewhere by now
        if (refused != null) {
            return new Outcome(null, null, "url " + refused);
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(attempt.url()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Qorgau-Webhooks/1")
                .header("webhook-id", attempt.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSigner.signature(attempt.secrets(), attempt.messageId(), timestamp, attempt.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(attempt.payload(), StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = sent.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            Duration retryAfter = response.headers()
                    .firstValue("Retry-After")
                    .map(DeliveryWorker::retryAfter)
                    .orElse(null);
            return new Outcome(status, retryAfter, status >= 200 && status < 300 ? null : "HTTP " + status);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Outcome(null, null, "timed out after " + config.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            return new Outcome(null, null, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String kind = cause instanceof java.net.http.HttpTimeoutException
                    ? "timed out"
                    : cause instanceof java.net.ConnectException ? "connection refused" : "connection failed";
            return new Outcome(null, null, kind);
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when unreadable. */
    static Duration retryAfter(String value) {
        String text = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
