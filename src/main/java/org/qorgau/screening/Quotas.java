package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /** SQLSTATEs of {@code quota_take}: the organisation's, or the token subject's, limit would be exceeded. */
    private static final String ORGANISATION_USED_UP = "QU001";

    private static final String SUBJECT_USED_UP = "QU002";

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
            String refused = take(connection, caller, window, checks, orgLimit, subjectLimit);
            if (refused == null) {
                return;
            }
            int limit = refused.equals("organisation") ? orgLimit : subjectLimit;
            long retryAfter = Math.max(1, window.plusSeconds(60).getEpochSecond() - now.getEpochSecond());
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("status", 429);
            outcome.put("scope", refused);
            outcome.put("limitPerMinute", limit);
            outcome.put("requested", checks);
            outcome.put("retryAfterSeconds", retryAfter);
            connection.setAutoCommit(false);
            try {
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
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            throw new TooManyRequestsException(
                    (refused.equals("organisation") ? "Your organisation's" : "Your account's") + " check quota ("
                            + limit + " per minute) is used up; retry after " + retryAfter + " s.",
                    retryAfter);
        } catch (SQLException e) {
            throw new IllegalStateException("quota could not be counted", e);
        }
    }

    /**
     * Adds {@code checks} to the organisation's and the token subject's counts of the minute {@code window}, each where
     * its limit is above 0, in one statement that is a transaction of its own ({@code quota_take}: one round trip).
     * Returns {@code null}, or the scope whose new count would exceed its limit ({@code "organisation"} or
     * {@code "subject"}), in which case nothing was taken from either.
     *
     * <p>The count commits without waiting for its WAL to reach the disk: the function sets {@code synchronous_commit}
     * for its own transaction, never for the pooled connection's later ones. Every check of an organisation updates the
     * same row, and a synchronous commit holds that row's lock until its flush, so the organisation's checks would queue
     * behind one another's flushes. What this risks is small: a database crash may forget the counts of its last
     * fraction of a second, which lets that minute allow that many checks more. The check's own record and its audit
     * event commit durably in their own transaction, as does the audit event of a refusal.
     */
    private static String take(
            Connection connection, Caller caller, Instant window, int checks, int orgLimit, int subjectLimit)
            throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement take = connection.prepareStatement("select quota_take(?, ?, ?, ?, ?, ?)")) {
            take.setString(1, caller.org());
            take.setString(2, subjectLimit > 0 ? subjectKey(caller) : null);
            take.setTimestamp(3, Timestamp.from(window));
            take.setInt(4, checks);
            take.setInt(5, orgLimit);
            take.setInt(6, subjectLimit);
            take.execute();
            return null;
        } catch (SQLException e) {
            if (ORGANISATION_USED_UP.equals(e.getSQLState())) {
                return "organisation";
            }
            if (SUBJECT_USED_UP.equals(e.getSQLState())) {
                return "subject";
            }
            throw e;
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

    /**
     * The subject's row in {@code quota_usage}, beside the organisations' rows: a prefix no organisation name can
     * produce by accident and a hash, so any subject fits the column and two organisations' subjects never share.
     */
    static String subjectKey(Caller caller) {
        return "~subject:" + CanonicalJson.sha256Hex(caller.org() + "\n" + caller.subject());
    }
}
