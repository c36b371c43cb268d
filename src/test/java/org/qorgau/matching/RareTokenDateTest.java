package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which dates of birth may carry a rare-name agreement, and the verdict such an agreement gets. */
class RareTokenDateTest {

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
        "1980-05-03, 1980-05-03, true",
        "1980-05-03, 1980-03-05, true", // day and month swapped
        "1980-05-03, 1980-05-08, true", // one digit
        "1985-05-03, 1958-05-03, true", // two adjacent digits transposed
        "1980-05-03, 1979-05-03, false", // a year apart, two digits
        "1980-05-03, 1975-11-20, false",
        "1980, 1980-05-03, false", // only the year is known
        "1980-05, 1980-05-03, false",
        "'', 1980-05-03, false"
    })
    void shouldLetOnlyFullDatesEqualOrOneRecordingErrorApartCarryARareName(String a, String b, boolean expected) {
        assertEquals(expected, FellegiSunterScorer.rareTokenDate(DateOfBirth.parse(a), DateOfBirth.parse(b)));
        assertEquals(expected, FellegiSunterScorer.rareTokenDate(DateOfBirth.parse(b), DateOfBirth.parse(a)));
    }

    @ParameterizedTest(name = "RARE_TOKEN, {0} -> {1}")
    @CsvSource({
        "EXACT, POSSIBLE_MATCH",
        "DAY_MONTH_SWAP, POSSIBLE_MATCH",
        "ONE_DIGIT_TYPO, POSSIBLE_MATCH",
        "YEAR_PLUS_MINUS_ONE, NO_MATCH",
        "SAME_PARTIAL, NO_MATCH",
        "DIFFERENT, NO_MATCH",
        "MISSING, NO_MATCH"
    })
    void shouldNeverMakeARareNameAloneMoreThanAReviewWhateverTheWeight(DateLevel date, Verdict expected) {
        assertEquals(
                expected, FellegiSunterScorer.decide(NameLevel.RARE_TOKEN, date, PhotoLevel.NO_EVIDENCE, 1e6, 0, 0));
    }
}
