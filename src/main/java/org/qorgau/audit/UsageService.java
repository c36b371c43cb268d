package org.qorgau.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.qorgau.audit.api.UsageReport;
import org.qorgau.audit.api.UsageReport.DayCount;
import org.qorgau.audit.api.UsageReport.OrganisationUsage;
import org.qorgau.config.QorgauConfig;
import org.qorgau.config.UsageConfig;
import org.qorgau.error.ValidationException;

/**
 * The usage report: per organisation, checks per day, verdict mix, share outside working hours, repeated checks of one
 * candidate and distinct candidates — counted by the screening side ({@link ScreeningActivity}), beside the refusals and
 * sweep signals read from the audit log.
 */
@ApplicationScoped
public class UsageService {

    private final AgroalDataSource dataSource;
    private final ScreeningActivity activity;
    private final UsageConfig config;
    private final UsageConfig.Sweep sweepConfig;

    public UsageService(AgroalDataSource dataSource, ScreeningActivity activity, QorgauConfig config) {
        this.dataSource = dataSource;
        this.activity = activity;
        this.config = config.usage();
        this.sweepConfig = config.usage().sweep();
    }

    public UsageReport report(Instant from, Instant to, String org) {
        Instant end = to == null ? Instant.now() : to;
        Instant start = from == null ? end.minus(30, ChronoUnit.DAYS) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "from must be before to");
        }
        String zone = config.zone().getId();
        ScreeningActivity.Window window = new ScreeningActivity.Window(start, end, org, config.zone());
        Map<String, Builder> builders = new TreeMap<>();
        for (ScreeningActivity.Checks row : activity.checks(window, config.workdayStart(), config.workdayEnd())) {
            Builder b = builders.computeIfAbsent(row.org(), Builder::new);
            b.checks = row.checks();
            b.distinct = row.distinctCandidates();
            b.screeners = row.screeners();
            b.outside = row.outsideHours();
        }
        for (ScreeningActivity.ChecksOnDay row : activity.checksPerDay(window)) {
            builders.computeIfAbsent(row.org(), Builder::new).days.add(new DayCount(row.day(), row.checks()));
        }
        for (ScreeningActivity.VerdictCount row : activity.verdicts(window)) {
            builders.computeIfAbsent(row.org(), Builder::new).verdicts.put(row.verdict(), row.checks());
        }
        for (ScreeningActivity.Repeats row : activity.repeats(window, config.repeatThreshold())) {
            Builder b = builders.computeIfAbsent(row.org(), Builder::new);
            b.repeated = row.repeatedCandidates();
            b.maxOfOne = row.mostChecksOfOne();
        }
        for (ScreeningActivity.Disclosed row : activity.disclosed(window)) {
            Builder b = builders.computeIfAbsent(row.org(), Builder::new);
            b.entriesDisclosed = row.entries();
            b.mostEntriesInOneDay = row.mostInOneDay();
            b.mostEntriesToOneSubject = row.mostToOneSubject();
        }
        try (Connection connection = dataSource.getConnection()) {
            refusals(connection, start, end, org, builders);
            sweeps(connection, start, end, org, builders);
        } catch (SQLException e) {
            throw new IllegalStateException("usage report failed", e);
        }
        List<OrganisationUsage> organisations = new ArrayList<>();
        builders.values().forEach(b -> organisations.add(b.build()));
        return new UsageReport(
                start,
                end,
                zone,
                config.workdayStart() + "-" + config.workdayEnd() + ", Monday to Friday",
                organisations);
    }

    /**
     * The sweep detector: reads the period's check events with their (not yet redacted) personal fields in the order
     * they were made, one organisation after another, and looks for enumeration: many distinct names with hits, long
     * runs of alphabetical names or monotonic dates of birth, and one name tried with many dates of birth. Nothing of
     * it leaves the report but counts and the reasons.
     */
    private void sweeps(Connection connection, Instant start, Instant end, String org, Map<String, Builder> builders)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        try (PreparedStatement statement = connection.prepareStatement("select e.actor_org,"
                + " p.fields->>'fullName' as full_name, p.fields->>'dateOfBirth' as date_of_birth,"
                + " e.outcome->>'verdict' as verdict"
                + " from audit_event e join audit_personal p on p.sequence = e.sequence"
                + " where (e.type = 'CHECK_PERFORMED' or (e.type = 'ACCESS_REFUSED' and e.query->>'reason' = 'too-broad'))"
                + " and e.occurred_at >= ? and e.occurred_at < ?"
                + (org == null ? "" : " and e.actor_org = ?")
                + " order by e.actor_org, e.sequence")) {
            statement.setFetchSize(2_000);
            period(statement, 1, start, end, org);
            try (ResultSet rs = statement.executeQuery()) {
                SweepDetector current = null;
                while (rs.next()) {
                    String actorOrg = rs.getString("actor_org");
                    if (current == null || !current.org.equals(actorOrg)) {
                        finish(current, builders);
                        current = new SweepDetector(actorOrg, sweepConfig);
                    }
                    current.add(rs.getString("full_name"), rs.getString("date_of_birth"), rs.getString("verdict"));
                }
                finish(current, builders);
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The checks refused for disclosing too much: too broad to screen, or past the daily cap. */
    private static void refusals(
            Connection connection, Instant start, Instant end, String org, Map<String, Builder> builders)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select actor_org,"
                + " count(*) filter (where query->>'reason' = 'too-broad') as too_broad,"
                + " count(*) filter (where query->>'reason' = 'disclosure-cap') as cap"
                + " from audit_event where type = 'ACCESS_REFUSED' and occurred_at >= ? and occurred_at < ?"
                + " and query->>'reason' in ('too-broad', 'disclosure-cap') and actor_org is not null"
                + (org == null ? "" : " and actor_org = ?")
                + " group by actor_org")) {
            period(statement, 1, start, end, org);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Builder b = builders.computeIfAbsent(rs.getString("actor_org"), Builder::new);
                    b.tooBroad = rs.getLong("too_broad");
                    b.capRefusals = rs.getLong("cap");
                }
            }
        }
    }

    private static void finish(SweepDetector detector, Map<String, Builder> builders) {
        if (detector != null && builders.containsKey(detector.org)) {
            builders.get(detector.org).sweep = detector.signals();
        }
    }

    private static int period(PreparedStatement statement, int index, Instant start, Instant end, String org)
            throws SQLException {
        int i = index;
        statement.setTimestamp(i++, Timestamp.from(start));
        statement.setTimestamp(i++, Timestamp.from(end));
        if (org != null) {
            statement.setString(i++, org);
        }
        return i;
    }

    private static final class Builder {
        final String org;
        long checks;
        long distinct;
        long screeners;
        long outside;
        long repeated;
        long maxOfOne;
        UsageReport.SweepSignals sweep;
        long entriesDisclosed;
        long mostEntriesInOneDay;
        long mostEntriesToOneSubject;
        long tooBroad;
        long capRefusals;
        final List<DayCount> days = new ArrayList<>();
        final Map<String, Long> verdicts = new LinkedHashMap<>();

        Builder(String org) {
            this.org = org;
        }

        OrganisationUsage build() {
            double share = checks == 0 ? 0 : Math.round(outside * 10_000d / checks) / 10_000d;
            return new OrganisationUsage(
                    org,
                    checks,
                    List.copyOf(days),
                    Map.copyOf(verdicts),
                    share,
                    distinct,
                    repeated,
                    maxOfOne,
                    screeners,
                    sweep != null ? sweep : SweepDetector.none(),
                    new UsageReport.Disclosure(
                            entriesDisclosed, mostEntriesInOneDay, mostEntriesToOneSubject, tooBroad, capRefusals));
        }
    }
}
