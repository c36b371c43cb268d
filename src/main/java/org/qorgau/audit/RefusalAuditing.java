package org.qorgau.audit;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.qorgau.security.Caller;
import org.qorgau.security.CurrentCaller;

/**
 * Records every refused access to the API (a {@code problem+json} answer with status 401 or 403, whichever part of
 * the service refused) in the audit log. Requests without a valid token are counted into one {@code ACCESS_REFUSED}
 * summary per source address and minute ({@link RefusalSummaries}), so an anonymous flood cannot grow the audit chain
 * by one event per request; a refusal of an authenticated subject is its own event (up to a per-subject bound per
 * minute). Best effort by design: the refusal is answered at once whatever happens here (database down): any write is
 * handed to a worker, so neither an I/O thread nor the refused caller ever waits for JDBC.
 */
@ApplicationScoped
public class RefusalAuditing {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final AuditRecorder recorder;
    private final RefusalSummaries summaries;
    private final Instance<CurrentCaller> currentCaller;

    public RefusalAuditing(AuditRecorder recorder, RefusalSummaries summaries, Instance<CurrentCaller> currentCaller) {
        this.recorder = recorder;
        this.summaries = summaries;
        this.currentCaller = currentCaller;
    }

    @ServerResponseFilter
    public void refused(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        int status = response.getStatus();
        if ((status != 401 && status != 403) || !isProblem(response.getMediaType())) {
            return; // not a refusal of the API (the console's own pages answer in HTML and say so themselves)
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        // a 401 never names anyone: whatever the token claimed was not verified
        Caller caller = status == 401 ? Caller.anonymous() : caller();
        String reason = status == 403
                ? "not-permitted"
                : request.getHeaderString("Authorization") != null ? "invalid-token" : "no-token";
        if (summaries.refuse(caller, source(http), status, reason, path) == RefusalSummaries.Disposition.SUMMARISED) {
            return;
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("resource", path);
        AuditEventDraft draft = new AuditEventDraft(
                AuditEventType.ACCESS_REFUSED, caller, null, query, Map.of("status", status), null, null);
        // always off the request's thread: a refusal is answered at once, even while the database is down
        Infrastructure.getDefaultWorkerPool().execute(() -> recorder.recordQuietly(draft));
    }

    private static boolean isProblem(MediaType type) {
        return type != null && PROBLEM_JSON.equals(type.getType() + "/" + type.getSubtype());
    }

    private Caller caller() {
        try {
            return currentCaller.isResolvable() ? currentCaller.get().get() : Caller.anonymous();
        } catch (RuntimeException e) {
            // a broken or expired token: nobody we can name
            return Caller.anonymous();
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
