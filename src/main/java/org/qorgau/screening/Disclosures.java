package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditedWrite;
import org.qorgau.config.DisclosureConfig;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.TooManyRequestsException;
import org.qorgau.matching.NameNormalizer;
import org.qorgau.security.Caller;

/**
 * What the registry discloses through checks, and how much it may: the daily caps on distinct registry entries shown
 * to one organisation and to one token subject ({@code qorgau.disclosure.*}), counted in PostgreSQL across replicas,
 * and the rule that a name which cannot be a person's name discloses nothing.
 */
@ApplicationScoped
public class Disclosures {

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final DisclosureConfig config;
    private final ZoneId zone;

    public Disclosures(AgroalDataSource dataSource, AuditLog auditLog, QorgauConfig config) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.config = config.disclosure();
        this.zone = config.usage().zone();
    }

    /** Most entries one answer may disclose. */
    public int maxEntries() {
        return config.maxEntries();
    }

    /**
     * Whether {@code fullName} cannot be a person's name, as the engine reads it (normalised tokens): more tokens than
     * {@code qorgau.disclosure.max-name-tokens}, or a token repeated (initials may appear twice: {@code A. A. Ivanov}).
     */
    public boolean implausibleName(String fullName) {
        String normal = NameNormalizer.normalize(fullName);
        if (normal.isEmpty()) {
            return false;
        }
        String[] tokens = normal.split(" ");
        if (tokens.length > config.maxNameTokens()) {
            return true;
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String token : tokens) {
            int times = seen.merge(token, 1, Integer::sum);
            if (times > (token.codePointCount(0, token.length()) == 1 ? 2 : 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records that {@code externalIds} are shown to the caller today, or answers 429 (audited; nothing recorded) when
     * that would take the organisation or the subject past its daily cap of distinct entries. Entries already shown
     * today count once. With a cap set this runs in its own transaction before the check is stored: an answer that
     * then fails still counts, which errs on the side of the registry; each count stops one past its cap, so a check
     * costs the same at the end of a busy day as at its start. With both caps off there is nothing to count: the
     * returned rows record the entries (the usage report shows them) in the check's own transaction, with its audit
     * event ({@link org.qorgau.audit.AuditCommitter}).
     *
     * @return the rows to write with the check (none when a cap is set: the entries are recorded already)
     */
    public List<AuditedWrite.Row> disclose(Caller caller, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        LocalDate day = LocalDate.ofInstant(now, zone);
        String subject = Quotas.subjectKey(caller);
        int orgCap = config.entriesPerDay();
        int subjectCap = config.entriesPerDayPerSubject();
        boolean capped = orgCap > 0 || subjectCap > 0;
        if (!capped) {
            List<AuditedWrite.Row> rows = new ArrayList<>();
            for (String id : new LinkedHashSet<>(externalIds)) {
                rows.add(AuditedWrite.Row.of(ROW, day, caller.org(), subject, id));
            }
            return rows;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // one organisation's disclosures are counted one at a time, across replicas
                try (PreparedStatement lock =
                        connection.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                    lock.setInt(1, 0x51D1);
                    lock.setString(2, caller.org());
                    lock.execute();
                }
                Set<String> ids = new HashSet<>(externalIds);
                insert(connection, day, caller.org(), subject, ids);
                // each count stops one past its cap: whether it is exceeded is all that is asked
                long orgCount = orgCap <= 0
                        ? 0
                        : count(
                                connection,
                                "select count(*) as n from (select distinct external_id from disclosed_entry"
                                        + " where day = ? and org = ? limit ?) d",
                                day,
                                caller.org(),
                                null,
                                orgCap + 1);
                long subjectCount = subjectCap <= 0
                        ? 0
                        : count(
                                connection,
                                "select count(*) as n from (select 1 from disclosed_entry"
                                        + " where day = ? and org = ? and subject_key = ? limit ?) d",
                                day,
                                caller.org(),
                                subject,
                                subjectCap + 1);
                String refused = null;
                int limit = 0;
                if (orgCap > 0 && orgCount > orgCap) {
                    refused = "organisation";
                    limit = orgCap;
                } else if (subjectCap > 0 && subjectCount > subjectCap) {
                    refused = "subject";
                    limit = subjectCap;
                }
                if (refused == null) {
                    connection.commit();
                    return List.of();
                }
                connection.rollback();
                long retryAfter =
                        Math.max(1, day.plusDays(1).atStartOfDay(zone).toEpochSecond() - now.getEpochSecond());
                Map<String, Object> outcome = new LinkedHashMap<>();
                outcome.put("status", 429);
                outcome.put("scope", refused);
                outcome.put("entriesPerDay", limit);
                outcome.put("requested", ids.size());
                outcome.put("retryAfterSeconds", retryAfter);
                auditLog.append(
                        connection,
                        new AuditEventDraft(
                                AuditEventType.ACCESS_REFUSED,
                                caller,
                                null,
                                Map.of("resource", "/v1/checks", "reason", "disclosure-cap"),
                                outcome,
                                null,
                                null));
                connection.commit();
                throw new TooManyRequestsException(
                        (refused.equals("organisation") ? "Your organisation" : "Your account")
                                + " has been shown the details of " + limit + " registry entries today, the daily"
                                + " limit; nothing more is disclosed until tomorrow. Ask your safeguarding lead or the"
                                + " registry authority if this is legitimate screening.",
                        retryAfter);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("disclosures could not be counted", e);
        }
    }

    private static final AuditedWrite.Insert ROW = AuditedWrite.Insert.into(
                    "disclosed_entry", "day date", "org", "subject_key", "external_id")
            .onConflictDoNothing();

    private static final String INSERT = ROW.valuesSql();

    private static void insert(Connection connection, LocalDate day, String org, String subject, Set<String> ids)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (String id : ids) {
                insert.setObject(1, day);
                insert.setString(2, org);
                insert.setString(3, subject);
                insert.setString(4, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long count(Connection connection, String sql, LocalDate day, String org, String subject, int limit)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            statement.setObject(i++, day);
            statement.setString(i++, org);
            if (subject != null) {
                statement.setString(i++, subject);
            }
            statement.setInt(i, limit);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong("n");
            }
        }
    }
}
