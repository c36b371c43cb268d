package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateComparatorTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        "1980-05-03, 1980-05-03, EXACT",
        "1980, 1980-05-03, SAME_PARTIAL",
        "1980-05, 1980-05-03, SAME_PARTIAL",
        "1980, 1980, SAME_PARTIAL",
        "1980-05-03, 1980-03-05, DAY_MONTH_SWAP",
        "1980-05-03, 1980-05-08, ONE_DIGIT_TYPO",
        "1985-05-03, 1958-05-03, ONE_DIGIT_TYPO",
        "1980-05-12, 1980-05-21, ONE_DIGIT_TYPO",
        "1980, 1986-05-03, ONE_DIGIT_TYPO",
        "1979-05-03, 1980-05-03, YEAR_PLUS_MINUS_ONE",
        "1979, 1980-05-03, YEAR_PLUS_MINUS_ONE",
        "1980-05-03, 1975-11-20, DIFFERENT",
        "1980-05-03, 1980-06-04, DIFFERENT",
        "1980-05, 1980-07, ONE_DIGIT_TYPO",
        "1980-05, 1981-07, DIFFERENT",
        "'', 1980-05-03, MISSING",
        "1980-13-01, 1980-05-03, MISSING",
        "03.05.1980, 1980-05-03, EXACT",
    })
    void shouldReachTheExpectedLevel(String a, String b, DateLevel expected) {
        int x = DateOfBirth.parse(a);
        int y = DateOfBirth.parse(b);
        assertEquals(expected, DateComparator.level(x, y));
        assertEquals(expected, DateComparator.level(y, x), "symmetric");
        assertEquals(expected, DateComparator.compare(x, y).level());
    }

    @Provide
    Arbitrary<Integer> dates() {
        Arbitrary<Integer> year = Arbitraries.integers().between(1940, 2010);
        Arbitrary<Integer> month = Arbitraries.integers().between(0, 12);
        Arbitrary<Integer> day = Arbitraries.integers().between(0, 28);
        return Combinators.combine(year, month, day)
                .as((y, m, d) -> DateOfBirth.pack(y, m, m == 0 ? 0 : d))
                .injectDuplicates(0.1);
    }

    @Provide
    Arbitrary<Integer> nearDates() {
        // Dates near 1980-05-13 so that compatible pairs are frequent.
        Arbitrary<Integer> year = Arbitraries.integers().between(1978, 1990);
        Arbitrary<Integer> month = Arbitraries.integers().between(0, 12);
        Arbitrary<Integer> day = Arbitraries.of(0, 1, 3, 5, 13, 15, 31, 18, 23);
        return Combinators.combine(year, month, day).as((y, m, d) -> DateOfBirth.pack(y, m, m == 0 ? 0 : d));
    }

    @Property(tries = 3000)
    void compatibleRangesContainEveryCompatibleDate(@ForAll("nearDates") int probe, @ForAll("nearDates") int entry) {
        if (DateComparator.level(probe, entry) == DateLevel.DIFFERENT) {
            return;
        }
        int[] ranges = DateComparator.compatibleRanges(probe);
        if (ranges == null) {
            return;
        }
        boolean inside = false;
        for (int i = 0; i < ranges.length; i += 2) {
            inside |= entry >= ranges[i] && entry <= ranges[i + 1];
        }
        assertTrue(inside, DateOfBirth.format(probe) + " / " + DateOfBirth.format(entry));
    }

    @Property(tries = 2000)
    void dateComparisonIsSymmetric(@ForAll("dates") int a, @ForAll("dates") int b) {
        assertEquals(DateComparator.level(a, b), DateComparator.level(b, a));
    }

    /**
     * The arithmetic of {@link DateComparator#level} against the rules read off the dates' decimal digits, for every
     * pair of a grid of full and partial dates around two decades (about 2.6 million pairs, every level reached).
     */
    @Test
    void levelFollowsTheDigitRulesOnEveryPairOfAGrid() {
        java.util.List<Integer> grid = new java.util.ArrayList<>();
        for (int year : new int[] {1979, 1980, 1981, 1989, 1998, 2008}) {
            grid.add(DateOfBirth.pack(year, 0, 0));
            for (int month = 1; month <= 12; month++) {
                grid.add(DateOfBirth.pack(year, month, 0));
                for (int day : new int[] {1, 2, 3, 5, 10, 11, 12, 13, 20, 21, 30, 31}) {
                    int packed = DateOfBirth.pack(year, month, day);
                    if (packed != DateOfBirth.MISSING) {
                        grid.add(packed);
                    }
                }
            }
        }
        grid.add(DateOfBirth.MISSING);
        java.util.EnumMap<DateLevel, Integer> reached = new java.util.EnumMap<>(DateLevel.class);
        for (int a : grid) {
            for (int b : grid) {
                DateLevel expected = byDigits(a, b);
                assertEquals(
                        expected, DateComparator.level(a, b), DateOfBirth.format(a) + " / " + DateOfBirth.format(b));
                reached.merge(expected, 1, Integer::sum);
            }
        }
        assertEquals(DateLevel.values().length, reached.size(), reached.toString());
    }

    /** The level from the decimal digits of the dates at their common precision (a reference for the arithmetic). */
    private static DateLevel byDigits(int a, int b) {
        if (a == DateOfBirth.MISSING || b == DateOfBirth.MISSING) {
            return DateLevel.MISSING;
        }
        int precision = DateOfBirth.month(a) == 0 || DateOfBirth.month(b) == 0
                ? 4
                : DateOfBirth.day(a) == 0 || DateOfBirth.day(b) == 0 ? 6 : 8;
        String x = String.format(java.util.Locale.ROOT, "%08d", a).substring(0, precision);
        String y = String.format(java.util.Locale.ROOT, "%08d", b).substring(0, precision);
        if (x.equals(y)) {
            return precision == 8 ? DateLevel.EXACT : DateLevel.SAME_PARTIAL;
        }
        if (precision == 8
                && x.substring(0, 4).equals(y.substring(0, 4))
                && x.substring(4, 6).equals(y.substring(6, 8))
                && x.substring(6, 8).equals(y.substring(4, 6))) {
            return DateLevel.DAY_MONTH_SWAP;
        }
        int first = -1;
        int diffs = 0;
        for (int i = 0; i < precision; i++) {
            if (x.charAt(i) != y.charAt(i)) {
                first = diffs == 0 ? i : first;
                diffs++;
            }
        }
        if (diffs == 1
                || (diffs == 2
                        && first + 1 < precision
                        && x.charAt(first) == y.charAt(first + 1)
                        && x.charAt(first + 1) == y.charAt(first))) {
            return DateLevel.ONE_DIGIT_TYPO;
        }
        if (Math.abs(DateOfBirth.year(a) - DateOfBirth.year(b)) == 1
                && x.substring(4).equals(y.substring(4))) {
            return DateLevel.YEAR_PLUS_MINUS_ONE;
        }
        return DateLevel.DIFFERENT;
    }
}
