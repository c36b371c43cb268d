package org.qorgau.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Appends a stand-alone event (one that records no other change). It goes through the group commit
 * ({@link AuditCommitter}) like a check's event: a refusal committed in a transaction of its own would hold the chain
 * head's lock through its own fsync while the group writer, and every check behind it, waits for it.
 */
@ApplicationScoped
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

    private final AuditCommitter committer;

    public AuditRecorder(AuditCommitter committer) {
        this.committer = committer;
    }

    /** Appends and returns once the event is durable; fails when the event cannot be written. */
    public AuditRecord record(AuditEventDraft draft) {
        try {
            return committer.commit(new AuditedWrite(draft, List.of()));
        } catch (SQLException e) {
            throw new IllegalStateException("audit event could not be written", e);
        }
    }

    /**
     * Appends on a best-effort basis: a refused request (401/403) must still be answered as refused when the
     * database is down, so a failure here is logged (event type only, never who) and swallowed.
     *
     * @return whether the event was written
     */
    public boolean recordQuietly(AuditEventDraft draft) {
        try {
            record(draft);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not record a %s audit event: %s",
                    draft.type(), e.getClass().getSimpleName());
            return false;
        }
    }
}
