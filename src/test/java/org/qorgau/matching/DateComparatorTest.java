package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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
}
