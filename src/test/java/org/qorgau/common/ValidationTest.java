package org.qorgau.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"1979", "1979-03", "1979-03-14", "2000-02-29", "1880"})
    void shouldAcceptRealPartialDates(String date) {
        assertNull(Validation.partialDate(date));
    }

    @ParameterizedTest
    @CsvSource({
        "0000-00-00, must not be before 1880",
        "9999-12-31, must not be in the future",
        "1970-02-30, is not a calendar date",
        "1900-02-29, is not a calendar date",
        "1979-13, is not a calendar date",
        "79-03-14, 'must be YYYY, YYYY-MM or YYYY-MM-DD'",
        "1979/03/14, 'must be YYYY, YYYY-MM or YYYY-MM-DD'",
        "1979-3-14, 'must be YYYY, YYYY-MM or YYYY-MM-DD'",
        "1879, must not be before 1880"
    })
    void shouldRejectImpossibleDates(String date, String message) {
        assertEquals(message, Validation.partialDate(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "zz00000000000000000000000000000000000000000000000000000000000000"})
    void shouldRejectBadPhotoHashes(String hash) {
        assertNotNull(Validation.photoHash(hash));
    }

    @ParameterizedTest
    @ValueSource(strings = {"KZ-GP-1", "a.b:c_d-9", "X"})
    void shouldAcceptSafeIds(String id) {
        assertNull(Validation.externalId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "a b", "id;drop table", "ид"})
    void shouldRejectUnsafeIds(String id) {
        assertNotNull(Validation.externalId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad\u0000name", "lone \ud800 surrogate", "bell\u0007", "   "})
    void shouldRejectBrokenNames(String name) {
        assertNotNull(Validation.name(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Сейткали Нұрлан", "O'Brien-Smith", "محمد", "李小龍"})
    void shouldAcceptNamesInAnyScript(String name) {
        assertNull(Validation.name(name));
    }
}
