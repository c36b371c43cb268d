package org.qorgau.error;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditRecorder;
import org.qorgau.audit.RefusalSummaries;
import org.qorgau.security.Caller;
import org.qorgau.security.CurrentCaller;

/**
 * Records a refused access (401, 403) in the audit log. Requests without a valid token are counted into one
 * {@code ACCESS_REFUSED} summary per source address and minute ({@link RefusalSummaries}), so an anonymous flood cannot
 * grow the audit chain by one event per request; a refusal of an authenticated subject is its own event (up to a
 * per-subject bound per minute). Best effort by design: the refusal is answered at once whatever happens here
 * (database down, no CDI container in a unit test): any write is handed to a worker, so neither an I/O thread nor the
 * refused caller ever waits for JDBC.
 */
final class RefusedAccess {

    private RefusedAccess() {}

    static void record(int status, String path) {
        if (Arc.container() == null || !Arc.container().isRunning()) {
            return;
        }
        InstanceHandle<AuditRecorder> recorder = Arc.container().instance(AuditRecorder.class);
        InstanceHandle<RefusalSummaries> summaries = Arc.container().instance(RefusalSummaries.class);
        if (!recorder.isAvailable() || !summaries.isAvailable()) {
            return;
        }
        // a 401 never names anyone: whatever the token claimed was not verified
        Caller caller = status == 401 ? Caller.anonymous() : caller();
        HttpServerRequest request = request();
        String source = source(request);
        String reason = status == 403
                ? "not-permitted"
                : request != null && request.getHeader("Authorization") != null ? "invalid-token" : "no-token";
        if (summaries.get().refuse(caller, source, status, reason, path) == RefusalSummaries.Disposition.SUMMARISED) {
            return;
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("resource", path);
        AuditEventDraft draft = new AuditEventDraft(
                AuditEventType.ACCESS_REFUSED, caller, null, query, Map.of("status", status), null, null);
        AuditRecorder audit = recorder.get();
        // always off the request's thread: a refusal is answered at once, even while the database is down
        Infrastructure.getDefaultWorkerPool().execute(() -> audit.recordQuietly(draft));
    }

    private static Caller caller() {
        try {
            InstanceHandle<CurrentCaller> current = Arc.container().instance(CurrentCaller.class);
            return current.isAvailable() ? current.get().get() : Caller.anonymous();
        } catch (RuntimeException e) {
            // a broken or expired token: nobody we can name
            return Caller.anonymous();
        }
    }

    private static HttpServerRequest request() {
        try {
            InstanceHandle<CurrentVertxRequest> current = Arc.container().instance(CurrentVertxRequest.class);
            RoutingContext context = current.isAvailable() ? current.get().getCurrent() : null;
            return context == null ? null : context.request();
        } catch (RuntimeException e) {
            return null; // no request context (not on a request's thread)
        }
    }

    /** The client address as the HTTP layer sees it (behind a proxy: as its forwarding settings say). */
    private static String source(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        return address.hostAddress() != null ? address.hostAddress() : address.host();
    }
}
