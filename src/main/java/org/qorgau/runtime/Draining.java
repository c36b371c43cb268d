package org.qorgau.runtime;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * <p>Known limit: Vert.x 4 closes the listening socket and the open connections together, after the accepted
 * requests are done. A connection that arrives in that instant is closed without an answer; the service has not read
 * it and did nothing with it, so a client may retry it (with the same {@code Idempotency-Key}) like a refused one.
 *
 * <p>State is static because the signal arrives on a JVM shutdown hook thread, outside any CDI context.
 */
@ApplicationScoped
public class Draining {

    /** Seconds a client should wait before retrying: about one replica restart behind a load balancer. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = Logger.getLogger(Draining.class);
    private static volatile boolean draining;
    private static final AtomicLong refused = new AtomicLong();

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

    /** Runs once Quarkus has finished the accepted requests (and, in Quarkus 3, closed the HTTP server). */
    void report(@Observes ShutdownEvent event) {
        if (draining) {
            LOG.infof("Drained: %d requests answered 503 while shutting down", refused.get());
        }
    }

    void refuseWhileDraining(RoutingContext context) {
        if (!draining || context.normalizedPath().startsWith("/q/health/live")) {
            context.next();
            return;
        }
        refused.incrementAndGet();
        context.response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"https://qorgau.org/problems/service-unavailable\",\"title\":\"Service unavailable\","
                        + "\"status\":503,\"detail\":\"This replica is shutting down; try again shortly.\"}");
    }
}
