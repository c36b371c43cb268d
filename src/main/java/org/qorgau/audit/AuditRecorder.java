package org.qorgau.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/** Appends a stand-alone event (one that records no other change) in its own transaction. */
@ApplicationScoped
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;

    public AuditRecorder(AgroalDataSource dataSource, AuditLog auditLog) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
    }

    /** Appends and commits; fails when the event cannot be written. */
    public AuditRecord record(AuditEventDraft draft) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                AuditRecord record = auditLog.append(connection, draft);
                connection.commit();
                return record;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
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
