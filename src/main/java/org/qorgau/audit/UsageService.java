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
import org.qorgau.error.ValidationException;

/**
 * The usage report: per organisation, checks per day, verdict mix, share outside working hours, repeated checks of one
 * candidate and distinct candidates — computed from {@code screening_check}, whose candidate key identifies a person
 * without storing the name.
 */
@ApplicationScoped
public class UsageService {

    private final AgroalDataSource dataSource;
    private final QorgauConfig.Usage config;
    private final QorgauConfig.Sweep sweepConfig;

    public UsageService(AgroalDataSource dataSource, QorgauConfig config) {
        this.dataSource = dataSource;
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
        String orgFilter = org == null ? "" : " and org = ?";
        Map<String, Builder> builders = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("select org, count(*),"
                    + " count(distinct candidate_key), count(distinct subject),"
                    + " count(*) filter (where extract(isodow from created_at at time zone ?) > 5"
                    + "   or (created_at at time zone ?)::time < ? or (created_at at time zone ?)::time >= ?)"
                    + " from screening_check where created_at >= ? and created_at < ?" + orgFilter
                    + " group by org")) {
                int i = 1;
                statement.setString(i++, zone);
                statement.setString(i++, zone);
                statement.setObject(i++, config.workdayStart());
                statement.setString(i++, zone);
                statement.setObject(i++, config.workdayEnd());
                i = period(statement, i, start, end, org);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Builder b = builders.computeIfAbsent(rs.getString(1), Builder::new);
                        b.checks = rs.getLong(2);
                        b.distinct = rs.getLong(3);
                        b.screeners = rs.getLong(4);
                        b.outside = rs.getLong(5);
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("select org,"
                    + " (created_at at time zone ?)::date as day, count(*) from screening_check"
                    + " where created_at >= ? and created_at < ?" + orgFilter
                    + " group by org, day order by org, day")) {
                statement.setString(1, zone);
                period(statement, 2, start, end, org);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        builders.computeIfAbsent(rs.getString(1), Builder::new)
                                .days
                                .add(new DayCount(rs.getObject(2, java.time.LocalDate.class), rs.getLong(3)));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("select org, verdict, count(*)"
                    + " from screening_check where created_at >= ? and created_at < ?" + orgFilter
                    + " group by org, verdict")) {
                period(statement, 1, start, end, org);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        builders.computeIfAbsent(rs.getString(1), Builder::new)
                                .verdicts
                                .put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("select org,"
                    + " count(*) filter (where n > ?), coalesce(max(n), 0) from (select org, candidate_key, count(*) n"
                    + " from screening_check where created_at >= ? and created_at < ?" + orgFilter
                    + " group by org, candidate_key) per_candidate group by org")) {
                statement.setInt(1, config.repeatThreshold());
                period(statement, 2, start, end, org);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Builder b = builders.computeIfAbsent(rs.getString(1), Builder::new);
                        b.repeated = rs.getLong(2);
                        b.maxOfOne = rs.getLong(3);
                    }
                }
            }
            disclosures(connection, start, end, org, zone, builders);
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
                + " p.fields->>'fullName', p.fields->>'dateOfBirth', e.outcome->>'verdict'"
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
                    String actorOrg = rs.getString(1);
                    if (current == null || !current.org.equals(actorOrg)) {
                        finish(current, builders);
                        current = new SweepDetector(actorOrg, sweepConfig);
                    }
                    current.add(rs.getString(2), rs.getString(3), rs.getString(4));
                }
                finish(current, builders);
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Distinct registry entries disclosed per organisation (per day, and per subject per day) and the checks refused
     * for disclosing too much: too broad to screen, or past the daily cap.
     */
    private static void disclosures(
            Connection connection, Instant start, Instant end, String org, String zone, Map<String, Builder> builders)
            throws SQLException {
        java.time.ZoneId zoneId = java.time.ZoneId.of(zone);
        java.time.LocalDate firstDay = java.time.LocalDate.ofInstant(start, zoneId);
        java.time.LocalDate lastDay = java.time.LocalDate.ofInstant(end, zoneId);
        String orgFilter = org == null ? "" : " and org = ?";
        try (PreparedStatement statement = connection.prepareStatement("select org, count(distinct external_id),"
                + " (select coalesce(max(n), 0) from (select count(distinct external_id) n from disclosed_entry d2"
                + "   where d2.org = d.org and d2.day between ? and ? group by d2.day) per_day),"
                + " (select coalesce(max(n), 0) from (select count(*) n from disclosed_entry d3"
                + "   where d3.org = d.org and d3.day between ? and ? group by d3.day, d3.subject_key) per_subject)"
                + " from disclosed_entry d where day between ? and ?" + orgFilter + " group by org")) {
            int i = 1;
            for (int k = 0; k < 3; k++) {
                statement.setObject(i++, firstDay);
                statement.setObject(i++, lastDay);
            }
            if (org != null) {
                statement.setString(i, org);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Builder b = builders.computeIfAbsent(rs.getString(1), Builder::new);
                    b.entriesDisclosed = rs.getLong(2);
                    b.mostEntriesInOneDay = rs.getLong(3);
                    b.mostEntriesToOneSubject = rs.getLong(4);
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("select actor_org,"
                + " count(*) filter (where query->>'reason' = 'too-broad'),"
                + " count(*) filter (where query->>'reason' = 'disclosure-cap')"
                + " from audit_event where type = 'ACCESS_REFUSED' and occurred_at >= ? and occurred_at < ?"
                + " and query->>'reason' in ('too-broad', 'disclosure-cap') and actor_org is not null"
                + (org == null ? "" : " and actor_org = ?")
                + " group by actor_org")) {
            period(statement, 1, start, end, org);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Builder b = builders.computeIfAbsent(rs.getString(1), Builder::new);
                    b.tooBroad = rs.getLong(2);
                    b.capRefusals = rs.getLong(3);
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
