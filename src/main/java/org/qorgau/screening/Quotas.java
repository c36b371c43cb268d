package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.TooManyRequestsException;
import org.qorgau.security.Caller;

/**
 * The per-organisation check quota: a fixed one-minute window counted in PostgreSQL, so every replica draws on the
 * same allowance. A refused request is audited (ACCESS_REFUSED with status 429) and uses nothing.
 */
@ApplicationScoped
public class Quotas {

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final QorgauConfig.Quota config;

    public Quotas(AgroalDataSource dataSource, AuditLog auditLog, QorgauConfig config) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.config = config.quota();
    }

    /** The checks per minute allowed to {@code org}; 0 means unlimited. */
    public int limit(String org) {
        return config.perOrg().getOrDefault(org, config.checksPerMinute());
    }

    /** Takes {@code checks} from the caller's organisation's allowance, or answers 429 (audited) and takes nothing. */
    public void consume(Caller caller, int checks) {
        int limit = limit(caller.org());
        if (limit <= 0) {
            return;
        }
        Instant now = Instant.now();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int used;
                try (PreparedStatement upsert = connection.prepareStatement("insert into quota_usage (org,"
                        + " window_start, used) values (?, ?, ?) on conflict (org, window_start)"
                        + " do update set used = quota_usage.used + excluded.used returning used")) {
                    upsert.setString(1, caller.org());
                    upsert.setTimestamp(2, Timestamp.from(window));
                    upsert.setInt(3, checks);
                    try (ResultSet rs = upsert.executeQuery()) {
                        rs.next();
                        used = rs.getInt(1);
                    }
                }
                if (used <= limit) {
                    connection.commit();
                    return;
                }
                connection.rollback();
                long retryAfter = Math.max(1, window.plusSeconds(60).getEpochSecond() - now.getEpochSecond());
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("status", 429);
                outcome.put("limitPerMinute", limit);
                outcome.put("requested", checks);
                outcome.put("retryAfterSeconds", retryAfter);
                auditLog.append(
                        connection,
                        new AuditEventDraft(
                                AuditEventType.ACCESS_REFUSED,
                                caller,
                                null,
                                Map.of("resource", "/v1/checks", "reason", "quota"),
                                outcome,
                                null,
                                null));
                connection.commit();
                throw new TooManyRequestsException(
                        "Your organisation's check quota (" + limit + " per minute) is used up; retry after "
                                + retryAfter + " s.",
                        retryAfter);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quota could not be counted", e);
        }
    }
}
