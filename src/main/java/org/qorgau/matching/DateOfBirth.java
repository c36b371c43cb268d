package org.qorgau.matching;

/**
 * Dates of birth packed into one {@code int}: {@code year * 10000 + month * 100 + day}, with month and day 0 when
 * unknown, and {@link #MISSING} (0) for no usable date. A packed int keeps a million entries' dates in one array.
 *
 * <table>
 *   <caption>Edge cases of {@link #parse}</caption>
 *   <tr><th>input</th><th>packed</th></tr>
 *   <tr><td>{@code null}, {@code ""}, {@code "unknown"}</td><td>0 (missing)</td></tr>
 *   <tr><td>{@code "1980"}</td><td>19800000</td></tr>
 *   <tr><td>{@code "1980-05"}</td><td>19800500</td></tr>
 *   <tr><td>{@code "1980-05-03"}, {@code "03.05.1980"}, {@code "19800503"}</td><td>19800503</td></tr>
 *   <tr><td>{@code "1980-13-01"}, {@code "1980-02-30"}</td><td>0 (invalid)</td></tr>
 * </table>
 */
public final class DateOfBirth {

    public static final int MISSING = 0;

    private DateOfBirth() {}

    public static int parse(String text) {
        if (text == null) {
            return MISSING;
        }
        String s = text.trim();
        try {
            if (s.matches("\\d{4}")) {
                return pack(Integer.parseInt(s), 0, 0);
            }
            if (s.matches("\\d{4}-\\d{1,2}")) {
                return pack(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5)), 0);
            }
            if (s.matches("\\d{4}-\\d{1,2}-\\d{1,2}")) {
                String[] p = s.split("-");
                return pack(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            }
            if (s.matches("\\d{8}")) {
                return pack(
                        Integer.parseInt(s.substring(0, 4)),
                        Integer.parseInt(s.substring(4, 6)),
                        Integer.parseInt(s.substring(6)));
            }
            if (s.matches("\\d{1,2}\\.\\d{1,2}\\.\\d{4}")) {
                String[] p = s.split("\\.");
                return pack(Integer.parseInt(p[2]), Integer.parseInt(p[1]), Integer.parseInt(p[0]));
            }
        } catch (NumberFormatException e) {
            return MISSING;
        }
        return MISSING;
    }

    static int pack(int year, int month, int day) {
        if (year < 1000 || year > 9999 || month < 0 || month > 12 || day < 0 || day > 31) {
            return MISSING;
        }
        if (month == 0 && day != 0) {
            return MISSING;
        }
        if (day > 0 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return MISSING;
        }
        return year * 10000 + month * 100 + day;
    }

    public static int year(int packed) {
        return packed / 10000;
    }

    public static int month(int packed) {
        return packed / 100 % 100;
    }

    public static int day(int packed) {
        return packed % 100;
    }

    /** The packed date as {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}; {@code "?"} when missing. */
    public static String format(int packed) {
        if (packed == MISSING) {
            return "?";
        }
        if (month(packed) == 0) {
            return String.format("%04d", year(packed));
        }
        if (day(packed) == 0) {
            return String.format("%04d-%02d", year(packed), month(packed));
        }
        return String.format("%04d-%02d-%02d", year(packed), month(packed), day(packed));
    }
}
