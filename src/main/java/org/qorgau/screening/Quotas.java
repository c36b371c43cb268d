package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.common.BackgroundWork;
import org.qorgau.common.CanonicalJson;
import org.qorgau.config.QorgauConfig;
import org.qorgau.config.QuotaConfig;
import org.qorgau.error.TooManyRequestsException;
import org.qorgau.security.Caller;

/**
 * The check quotas, per organisation and per token subject: fixed one-minute windows counted in PostgreSQL, so every
 * replica draws on the same allowance. A refused request is audited (ACCESS_REFUSED with status 429) and uses nothing.
 */
@ApplicationScoped
public class Quotas {

    private static final Logger LOG = Logger.getLogger(Quotas.class);

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final QuotaConfig config;
    private final Clock clock;
    private final BackgroundWork work;

    public Quotas(
            AgroalDataSource dataSource, AuditLog auditLog, QorgauConfig config, Clock clock, BackgroundWork work) {
        this.dataSource = dataSource;
        this.work = work;
        this.auditLog = auditLog;
        this.config = config.quota();
        this.clock = clock;
    }

    /** The checks per minute allowed to {@code org}; 0 means unlimited. */
    public int limit(String org) {
        return config.perOrg().getOrDefault(org, config.checksPerMinute());
    }

    /** The checks per minute allowed to one token subject; 0 means unlimited. */
    public int subjectLimit() {
        return config.checksPerMinutePerSubject();
    }

    /**
     * Takes {@code checks} from the caller's organisation's allowance and from the caller's own (per token subject), or
     * answers 429 (audited) and takes nothing from either.
     */
    public void consume(Caller caller, int checks) {
        int orgLimit = limit(caller.org());
        int subjectLimit = subjectLimit();
        if (orgLimit <= 0 && subjectLimit <= 0) {
            return;
        }
        Instant now = clock.instant();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                countWithoutWaitingForTheDisk(connection);
                String refused = null;
                int limit = 0;
                if (orgLimit > 0 && take(connection, caller.org(), window, checks) > orgLimit) {
                    refused = "organisation";
                    limit = orgLimit;
                } else if (subjectLimit > 0 && take(connection, subjectKey(caller), window, checks) > subjectLimit) {
                    refused = "subject";
                    limit = subjectLimit;
                }
                if (refused == null) {
                    connection.commit();
                    return;
                }
                // the rollback also ends the asynchronous commit: the refusal's audit event below commits durably
                connection.rollback();
                long retryAfter = Math.max(1, window.plusSeconds(60).getEpochSecond() - now.getEpochSecond());
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("status", 429);
                outcome.put("scope", refused);
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
                        (refused.equals("organisation") ? "Your organisation's" : "Your account's") + " check quota ("
                                + limit + " per minute) is used up; retry after " + retryAfter + " s.",
                        retryAfter);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quota could not be counted", e);
        }
    }

    /**
     * The count's transaction commits without waiting for its WAL to reach the disk ({@code SET LOCAL}: this
     * transaction only, never the pooled connection's later ones). Every check of an organisation updates the same
     * row, and a synchronous commit holds that row's lock until its flush, so the organisation's checks would queue
     * behind one another's flushes. What this risks is small: a database crash may forget the counts of its last
     * fraction of a second, which lets that minute allow that many checks more. The check's own record and its audit
     * event commit durably in their own transaction, as does the audit event of a refusal.
     */
    private static void countWithoutWaitingForTheDisk(Connection connection) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute("set local synchronous_commit to off");
        }
    }

    /** Deletes the windows older than an hour; the quotas only ever read the current minute's. */
    @Scheduled(
            every = "${qorgau.audit.retention-sweep:1h}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOldWindows() {
        work.run(this::purge);
    }

    private void purge() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from quota_usage where window_start < now() - interval '1 hour'")) {
            delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Quota window purge failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Adds {@code checks} to {@code key}'s count in {@code window}; returns the new count. */
    private static int take(Connection connection, String key, Instant window, int checks) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("insert into quota_usage (org,"
                + " window_start, used) values (?, ?, ?) on conflict (org, window_start)"
                + " do update set used = quota_usage.used + excluded.used returning used")) {
            upsert.setString(1, key);
            upsert.setTimestamp(2, Timestamp.from(window));
            upsert.setInt(3, checks);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                return rs.getInt("used");
            }
        }
    }

    /**
     * The subject's row in {@code quota_usage}, beside the organisations' rows: a prefix no organisation name can
     * produce by accident and a hash, so any subject fits the column and two organisations' subjects never share.
     */
    static String subjectKey(Caller caller) {
        return "~subject:" + CanonicalJson.sha256Hex(caller.org() + "\n" + caller.subject());
    }
}
