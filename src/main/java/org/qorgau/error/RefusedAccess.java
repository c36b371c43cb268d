package org.qorgau.error;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditRecorder;
import org.qorgau.security.Caller;
import org.qorgau.security.CurrentCaller;

/**
 * Records a refused access (401, 403) as an ACCESS_REFUSED audit event. Best effort by design: the refusal is
 * answered at once whatever happens here (database down, no CDI container in a unit test): the write is handed to a
 * worker, so neither an I/O thread nor the refused caller ever waits for JDBC.
 */
final class RefusedAccess {

    private RefusedAccess() {}

    static void record(int status, String path) {
        if (Arc.container() == null || !Arc.container().isRunning()) {
            return;
        }
        Caller caller = caller();
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("resource", path);
        AuditEventDraft draft = new AuditEventDraft(
                AuditEventType.ACCESS_REFUSED, caller, null, query, Map.of("status", status), null, null);
        InstanceHandle<AuditRecorder> recorder = Arc.container().instance(AuditRecorder.class);
        if (!recorder.isAvailable()) {
            return;
        }
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
}
