package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.qorgau.audit.ScreeningActivity;

/**
 * The aggregate counts of {@code screening_check} and {@code disclosed_entry} behind the usage report. The candidate
 * key identifies a person without storing the name, so distinct and repeated candidates are counted without one.
 */
@ApplicationScoped
public class ActivityStore implements ScreeningActivity {

    private final AgroalDataSource dataSource;

    public ActivityStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Checks> checks(Window window, LocalTime workdayStart, LocalTime workdayEnd) {
        String zone = window.zone().getId();
        String sql = "select org, count(*) as checks, count(distinct candidate_key) as candidates,"
                + " count(distinct subject) as screeners,"
                + " count(*) filter (where extract(isodow from created_at at time zone ?) > 5"
                + "   or (created_at at time zone ?)::time < ? or (created_at at time zone ?)::time >= ?) as outside"
                + " from screening_check where created_at >= ? and created_at < ?" + orgFilter(window)
                + " group by org";
        List<Checks> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            statement.setString(i++, zone);
            statement.setString(i++, zone);
            statement.setObject(i++, workdayStart);
            statement.setString(i++, zone);
            statement.setObject(i++, workdayEnd);
            period(statement, i, window);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new Checks(
                            rs.getString("org"),
                            rs.getLong("checks"),
                            rs.getLong("candidates"),
                            rs.getLong("screeners"),
                            rs.getLong("outside")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage read failed", e);
        }
        return result;
    }

    @Override
    public List<ChecksOnDay> checksPerDay(Window window) {
        String sql = "select org, (created_at at time zone ?)::date as day, count(*) as checks from screening_check"
                + " where created_at >= ? and created_at < ?" + orgFilter(window)
                + " group by org, day order by org, day";
        List<ChecksOnDay> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, window.zone().getId());
            period(statement, 2, window);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new ChecksOnDay(
                            rs.getString("org"), rs.getObject("day", LocalDate.class), rs.getLong("checks")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage read failed", e);
        }
        return result;
    }

    @Override
    public List<VerdictCount> verdicts(Window window) {
        String sql = "select org, verdict, count(*) as checks from screening_check"
                + " where created_at >= ? and created_at < ?" + orgFilter(window) + " group by org, verdict";
        List<VerdictCount> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            period(statement, 1, window);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new VerdictCount(rs.getString("org"), rs.getString("verdict"), rs.getLong("checks")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage read failed", e);
        }
        return result;
    }

    @Override
    public List<Repeats> repeats(Window window, int threshold) {
        String sql = "select org, count(*) filter (where n > ?) as repeated, coalesce(max(n), 0) as most"
                + " from (select org, candidate_key, count(*) n from screening_check"
                + " where created_at >= ? and created_at < ?" + orgFilter(window)
                + " group by org, candidate_key) per_candidate group by org";
        List<Repeats> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, threshold);
            period(statement, 2, window);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new Repeats(rs.getString("org"), rs.getLong("repeated"), rs.getLong("most")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage read failed", e);
        }
        return result;
    }

    @Override
    public List<Disclosed> disclosed(Window window) {
        LocalDate firstDay = LocalDate.ofInstant(window.start(), window.zone());
        LocalDate lastDay = LocalDate.ofInstant(window.end(), window.zone());
        String sql = "select org, count(distinct external_id) as entries,"
                + " (select coalesce(max(n), 0) from (select count(distinct external_id) n from disclosed_entry d2"
                + "   where d2.org = d.org and d2.day between ? and ? group by d2.day) per_day) as most_in_one_day,"
                + " (select coalesce(max(n), 0) from (select count(*) n from disclosed_entry d3"
                + "   where d3.org = d.org and d3.day between ? and ? group by d3.day, d3.subject_key) per_subject)"
                + "   as most_to_one_subject"
                + " from disclosed_entry d where day between ? and ?" + orgFilter(window) + " group by org";
        List<Disclosed> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (int k = 0; k < 3; k++) {
                statement.setObject(i++, firstDay);
                statement.setObject(i++, lastDay);
            }
            if (window.org() != null) {
                statement.setString(i, window.org());
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new Disclosed(
                            rs.getString("org"),
                            rs.getLong("entries"),
                            rs.getLong("most_in_one_day"),
                            rs.getLong("most_to_one_subject")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage read failed", e);
        }
        return result;
    }

    private static String orgFilter(Window window) {
        return window.org() == null ? "" : " and org = ?";
    }

    private static void period(PreparedStatement statement, int index, Window window) throws SQLException {
        statement.setTimestamp(index, Timestamp.from(window.start()));
        statement.setTimestamp(index + 1, Timestamp.from(window.end()));
        if (window.org() != null) {
            statement.setString(index + 2, window.org());
        }
    }
}
