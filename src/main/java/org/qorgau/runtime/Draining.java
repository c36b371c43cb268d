package org.qorgau.runtime;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The first step of a graceful shutdown. On SIGTERM (a JVM shutdown hook of {@link QorgauMain} calls {@link #begin})
 * every request that arrives from then on is answered at once {@code 503} with {@code Retry-After} and
 * {@code Connection: close}, before anything is read or done, so a load balancer or client retries it on another
 * replica. Requests that were already past this filter run to the end: Quarkus' graceful shutdown
 * ({@code quarkus.shutdown.timeout}) waits for them, the audit group committer then drains, and only after Quarkus has
 * stopped does {@link QorgauMain} stop the embedded PostgreSQL. Liveness keeps answering while the replica drains.
 *
 * <p>State is static because the signal arrives on a JVM shutdown hook thread, outside any CDI context.
 */
@ApplicationScoped
public class Draining {

    /** Seconds a client should wait before retrying: about one replica restart behind a load balancer. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** After the accepted requests are done: how long no new request must have arrived before the listener closes. */
    static final long QUIET_MILLIS = 1_000;
    /** The longest that quiet period is waited for. */
    static final long MAX_LINGER_MILLIS = 5_000;

    private static final Logger LOG = Logger.getLogger(Draining.class);
    private static volatile boolean draining;
    private static final AtomicLong refused = new AtomicLong();
    private static volatile long lastRefusedAt;

    /** Starts refusing new requests; called once on SIGTERM. */
    public static void begin() {
        draining = true;
    }

    public static boolean draining() {
        return draining;
    }

    void register(@Observes Router router) {
        // before every other filter (BodyLimitFilter is at -1000): a refused request reads nothing
        router.route().order(-2000).handler(this::refuseWhileDraining);
    }

    /**
     * Runs after Quarkus has waited for the accepted requests, before the HTTP server closes its listener and its
     * connections. A request that arrives in the instant the server closes would lose its connection without an
     * answer, so the listener stays open (answering 503) until no request has come for {@link #QUIET_MILLIS}: clients
     * that were told {@code Retry-After} are waiting, and a load balancer has seen readiness go down.
     */
    void linger(@Observes @Priority(1) ShutdownEvent event) {
        if (!draining) {
            return;
        }
        long start = System.nanoTime();
        long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        long max = TimeUnit.MILLISECONDS.toNanos(MAX_LINGER_MILLIS);
        try {
            while (System.nanoTime() - lastRefusedAt < quiet && System.nanoTime() - start < max) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("Drained: %d requests answered 503 while shutting down", refused.get());
    }

    void refuseWhileDraining(RoutingContext context) {
        if (!draining || context.normalizedPath().startsWith("/q/health/live")) {
            context.next();
            return;
        }
        refused.incrementAndGet();
        lastRefusedAt = System.nanoTime();
        context.response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"https://qorgau.org/problems/service-unavailable\",\"title\":\"Service unavailable\","
                        + "\"status\":503,\"detail\":\"This replica is shutting down; try again shortly.\"}");
    }
}
