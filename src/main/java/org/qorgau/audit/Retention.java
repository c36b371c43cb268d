package org.qorgau.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.qorgau.common.BackgroundWork;
import org.qorgau.config.AuditConfig;
import org.qorgau.config.QorgauConfig;

/**
 * Retention: after {@code qorgau.audit.retention} a check's personal fields are blanked in {@code audit_personal}
 * (fields and salt). The event row, its commitment and its hash are untouched, so the chain still verifies and the
 * event still proves that a check ran, when, by whom and with what verdict.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final AgroalDataSource dataSource;
    private final AuditConfig config;
    private final BackgroundWork work;

    public Retention(AgroalDataSource dataSource, QorgauConfig config, BackgroundWork work) {
        this.dataSource = dataSource;
        this.work = work;
        this.config = config.audit();
    }

    @Scheduled(
            every = "${qorgau.audit.retention-sweep:1h}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        work.run(this::sweepOnce);
    }

    private void sweepOnce() {
        try {
            int redacted = redactBefore(Instant.now().minus(config.retention()));
            if (redacted > 0) {
                LOG.infof("Redacted the personal fields of %d audit events past retention", redacted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Retention sweep failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Redacts the personal fields of every event that occurred before {@code cutoff}; returns how many. */
    public int redactBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update audit_personal p set fields = null,"
                        + " salt = null, redacted_at = now() from audit_event e where e.sequence = p.sequence"
                        + " and e.occurred_at < ? and p.redacted_at is null")) {
            update.setTimestamp(1, Timestamp.from(cutoff));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("redaction failed", e);
        }
    }
}
