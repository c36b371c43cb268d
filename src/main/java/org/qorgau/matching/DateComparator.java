package org.qorgau.matching;

/**
 * Compares two packed dates of birth ({@link DateOfBirth}) at their common precision. Plain arithmetic on ints: the
 * candidate index calls it for every posting it visits.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>a, b</th><th>level</th></tr>
 *   <tr><td>missing, anything</td><td>MISSING</td></tr>
 *   <tr><td>1980-05-03, 1980-05-03</td><td>EXACT</td></tr>
 *   <tr><td>1980, 1980-05-03</td><td>SAME_PARTIAL</td></tr>
 *   <tr><td>1980, 1980</td><td>SAME_PARTIAL (only the year is known)</td></tr>
 *   <tr><td>1980-05-03, 1980-03-05</td><td>DAY_MONTH_SWAP</td></tr>
 *   <tr><td>1980-05-03, 1980-05-08</td><td>ONE_DIGIT_TYPO</td></tr>
 *   <tr><td>1985-05-03, 1958-05-03</td><td>ONE_DIGIT_TYPO (adjacent digits transposed)</td></tr>
 *   <tr><td>1979-05-03, 1980-05-03</td><td>YEAR_PLUS_MINUS_ONE</td></tr>
 *   <tr><td>1980, 1986-05-03</td><td>ONE_DIGIT_TYPO (on the year)</td></tr>
 *   <tr><td>1980-05-03, 1975-11-20</td><td>DIFFERENT</td></tr>
 * </table>
 */
public final class DateComparator {

    private DateComparator() {}

    /** The level only (no allocation). */
    public static DateLevel level(int a, int b) {
        if (a == DateOfBirth.MISSING || b == DateOfBirth.MISSING) {
            return DateLevel.MISSING;
        }
        boolean fullA = DateOfBirth.day(a) != 0;
        boolean fullB = DateOfBirth.day(b) != 0;
        int precision; // 4 = year, 6 = year-month, 8 = full
        if (DateOfBirth.month(a) == 0 || DateOfBirth.month(b) == 0) {
            precision = 4;
        } else if (!fullA || !fullB) {
            precision = 6;
        } else {
            precision = 8;
        }
        int x = truncate(a, precision);
        int y = truncate(b, precision);
        if (x == y) {
            return precision == 8 ? DateLevel.EXACT : DateLevel.SAME_PARTIAL;
        }
        if (precision == 8
                && DateOfBirth.year(a) == DateOfBirth.year(b)
                && DateOfBirth.day(a) == DateOfBirth.month(b)
                && DateOfBirth.month(a) == DateOfBirth.day(b)) {
            return DateLevel.DAY_MONTH_SWAP;
        }
        if (oneDigitApart(x, y, precision)) {
            return DateLevel.ONE_DIGIT_TYPO;
        }
        if (Math.abs(DateOfBirth.year(a) - DateOfBirth.year(b)) == 1
                && x % pow10(precision - 4) == y % pow10(precision - 4)) {
            return DateLevel.YEAR_PLUS_MINUS_ONE;
        }
        return DateLevel.DIFFERENT;
    }

    /** The level with a human-readable detail. */
    public static DateComparison compare(int a, int b) {
        DateLevel level = level(a, b);
        String detail;
        switch (level) {
            case EXACT:
                detail = "same date of birth";
                break;
            case SAME_PARTIAL:
                detail = "agree at the known precision: " + DateOfBirth.format(a) + " / " + DateOfBirth.format(b);
                break;
            case DAY_MONTH_SWAP:
                detail = "day and month swapped: " + DateOfBirth.format(a) + " / " + DateOfBirth.format(b);
                break;
            case ONE_DIGIT_TYPO:
                detail = "one digit differs or two are transposed: " + DateOfBirth.format(a) + " / "
                        + DateOfBirth.format(b);
                break;
            case YEAR_PLUS_MINUS_ONE:
                detail = "year differs by one: " + DateOfBirth.format(a) + " / " + DateOfBirth.format(b);
                break;
            case MISSING:
                detail = "no usable date of birth on one side";
                break;
            default:
                detail = "different dates of birth: " + DateOfBirth.format(a) + " / " + DateOfBirth.format(b);
        }
        return new DateComparison(level, detail);
    }

    /**
     * Every packed date compatible with {@code probe} (level not DIFFERENT), as sorted, merged ranges
     * {@code [lo0, hi0, lo1, hi1, ...]} of packed ints; may include incompatible values (callers still check each
     * entry with {@link #level}) but never misses a compatible one. {@code null} when the probe has no date (then every
     * date is compatible). The candidate index binary-searches these ranges in postings sorted by date.
     */
    public static int[] compatibleRanges(int probe) {
        if (probe == DateOfBirth.MISSING) {
            return null;
        }
        int precision = DateOfBirth.month(probe) == 0 ? 4 : DateOfBirth.day(probe) == 0 ? 6 : 8;
        // Each range packed as lo << 32 | hi (both below 10^8), so sorting the longs sorts by lo; at most 206 of them
        // (a value repeated gives an equal range, which the merge absorbs). Allocation-light: this runs per probe.
        long[] ranges = new long[256];
        int n = 0;
        ranges[n++] = 0L; // entries without a date
        for (int q = 4; q <= precision; q += 2) {
            int x = truncate(probe, q);
            int scale = pow10(8 - q);
            boolean whole = q == precision;
            n = addRange(ranges, n, x, scale, whole);
            for (int i = 0; i < q; i++) {
                int p = pow10(i);
                int digit = x / p % 10;
                for (int d = 0; d <= 9; d++) {
                    n = addRange(ranges, n, x + (d - digit) * p, scale, whole);
                }
                if (i + 1 < q) {
                    int next = x / (p * 10) % 10;
                    n = addRange(ranges, n, x + (next - digit) * p + (digit - next) * p * 10, scale, whole);
                }
            }
            n = addRange(ranges, n, x + pow10(q - 4), scale, whole);
            n = addRange(ranges, n, x - pow10(q - 4), scale, whole);
            if (q == 8) {
                int swapped = DateOfBirth.year(probe) * 10000 + DateOfBirth.day(probe) * 100 + DateOfBirth.month(probe);
                n = addRange(ranges, n, swapped, scale, whole);
            }
        }
        java.util.Arrays.sort(ranges, 0, n);
        int[] out = new int[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int lo = (int) (ranges[i] >>> 32);
            int hi = (int) ranges[i];
            if (m > 0 && lo <= out[m - 1] + 1) {
                out[m - 1] = Math.max(out[m - 1], hi);
            } else {
                out[m++] = lo;
                out[m++] = hi;
            }
        }
        return java.util.Arrays.copyOf(out, m);
    }

    /** Appends the range of packed dates whose first {@code 8 - log10(scale)} digits are {@code v} (v > 0 only). */
    private static int addRange(long[] ranges, int n, int v, int scale, boolean whole) {
        if (v <= 0) {
            return n;
        }
        long lo = (long) v * scale;
        long hi = whole ? lo + scale - 1 : lo;
        ranges[n] = lo << 32 | hi;
        return n + 1;
    }

    // Divisions by constants: the index and the scorer call these for every entry they visit, and a division by a
    // variable power of ten costs several times a multiplication.
    private static int truncate(int packed, int precision) {
        switch (precision) {
            case 8:
                return packed;
            case 6:
                return packed / 100;
            default:
                return packed / 10000;
        }
    }

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static int pow10(int k) {
        return POW10[k];
    }

    /** One differing digit, or one adjacent transposition, between two numbers of {@code digits} digits. */
    private static boolean oneDigitApart(int x, int y, int digits) {
        int diffs = 0;
        // the first differing digits, counted from the least significant one, and the digits right above them: a
        // transposition when they are swapped (then the digits above differ too, so they are the second difference)
        int x0 = 0;
        int x1 = 0;
        int y0 = 0;
        int y1 = 0;
        for (int i = 0; i < digits; i++) {
            int dx = x % 10;
            int dy = y % 10;
            x /= 10;
            y /= 10;
            if (dx != dy) {
                if (++diffs > 2) {
                    return false;
                }
                if (diffs == 1) {
                    x0 = dx;
                    y0 = dy;
                    x1 = x % 10;
                    y1 = y % 10;
                }
            }
        }
        return diffs == 1 || (diffs == 2 && x0 == y1 && x1 == y0);
    }
}
