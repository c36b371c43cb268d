package org.qorgau.evaluation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.SplittableRandom;

/** Date-of-birth helpers for probe variants and for deciding whether two dates are "unrelated". */
final class DateOfBirths {

    private DateOfBirths() {}

    static int year(String dob) {
        return Integer.parseInt(dob.substring(0, 4));
    }

    /** A full date the screener would type for a registry date that may be partial (consistent with it). */
    static String fullFor(String registryDob, SplittableRandom r) {
        if (registryDob.length() == 10) {
            return registryDob;
        }
        int year = year(registryDob);
        int month = registryDob.length() == 7 ? Integer.parseInt(registryDob.substring(5, 7)) : 1 + r.nextInt(12);
        int day = 1 + r.nextInt(YearMonth.of(year, month).lengthOfMonth());
        return LocalDate.of(year, month, day).toString();
    }

    /** Day and month swapped, or {@code null} when the swap is not a different valid date. */
    static String swapDayMonth(String dob) {
        if (dob.length() != 10) {
            return null;
        }
        int month = Integer.parseInt(dob.substring(5, 7));
        int day = Integer.parseInt(dob.substring(8, 10));
        if (day == month || day > 12) {
            return null;
        }
        return String.format(Locale.ROOT, "%s-%02d-%02d", dob.substring(0, 4), day, month);
    }

    /** One digit of the year's last two digits, the month or the day changed, still a valid date. */
    static String oneDigitTypo(String dob, SplittableRandom r) {
        if (dob.length() != 10) {
            return null;
        }
        String digits = dob.replace("-", "");
        for (int attempt = 0; attempt < 50; attempt++) {
            int pos = 2 + r.nextInt(6);
            char replacement = (char) ('0' + r.nextInt(10));
            if (replacement == digits.charAt(pos)) {
                continue;
            }
            String d = digits.substring(0, pos) + replacement + digits.substring(pos + 1);
            String candidate = d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6, 8);
            if (valid(candidate) && year(candidate) <= 2008) {
                return candidate;
            }
        }
        return null;
    }

    static boolean valid(String full) {
        try {
            LocalDate.parse(full);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * Whether two dates could plausibly belong to the same person, i.e. differ by nothing more than a recording error:
     * years within 2; or, compared at the precision both dates have ({@code YYYY}, {@code YYYYMM} or
     * {@code YYYYMMDD}), one differing digit or two adjacent digits transposed (1968 / 1986); or (both full) day and
     * month swapped.
     */
    static boolean related(String a, String b) {
        if (Math.abs(year(a) - year(b)) <= 2) {
            return true;
        }
        if (a.length() == 10 && b.length() == 10 && b.equals(swapDayMonth(a))) {
            return true;
        }
        String da = a.replace("-", "");
        String db = b.replace("-", "");
        int n = Math.min(da.length(), db.length());
        return typoLike(da.substring(0, n), db.substring(0, n));
    }

    /** Equal length strings that differ in at most one position or by one adjacent transposition. */
    static boolean typoLike(String a, String b) {
        int first = -1;
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first < 0) {
                    first = i;
                }
                diff++;
            }
        }
        if (diff <= 1) {
            return true;
        }
        return diff == 2
                && first + 1 < a.length()
                && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first);
    }

    /** A random full date 1950–2005 unrelated (see {@link #related}) to {@code dob}. */
    static String unrelated(String dob, SplittableRandom r) {
        while (true) {
            int year = 1950 + r.nextInt(56);
            int month = 1 + r.nextInt(12);
            int day = 1 + r.nextInt(YearMonth.of(year, month).lengthOfMonth());
            String candidate = LocalDate.of(year, month, day).toString();
            if (!related(dob, candidate)) {
                return candidate;
            }
        }
    }
}
