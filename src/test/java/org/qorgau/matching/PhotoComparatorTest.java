package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhotoComparatorTest {

    static final PhotoComparator COMPARATOR = new PhotoComparator(MatchingParameters.loadDefault());

    @ParameterizedTest(name = "{0} bits -> {1}")
    @CsvSource({
        "0, IDENTICAL",
        "8, IDENTICAL",
        "9, VERY_CLOSE",
        "16, VERY_CLOSE",
        "17, CLOSE",
        "24, CLOSE",
        "25, NEAR_DUPLICATE",
        "31, NEAR_DUPLICATE",
        "32, NO_EVIDENCE",
        "128, NO_EVIDENCE",
        "256, NO_EVIDENCE"
    })
    void shouldPutDistancesIntoBands(int distance, PhotoLevel expected) {
        assertEquals(expected, COMPARATOR.level(distance));
    }

    @ParameterizedTest
    @CsvSource({
        "31", "100",
    })
    void shouldNeverLetABandReachBeyondPdqThreshold(int configured) {
        MatchingParameters p = MatchingParameters.loadDefault().with("photo.band.NEAR_DUPLICATE", "" + configured);
        assertEquals(PhotoLevel.NO_EVIDENCE, new PhotoComparator(p).level(32));
    }

    @ParameterizedTest
    @CsvSource({"''", "abc", "zz62eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95"})
    void shouldRejectMalformedHashes(String hex) {
        assertNull(PhotoHash.parse(hex));
    }

    @ParameterizedTest
    @CsvSource({
        "f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95,"
                + "f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95, 0",
        "f162eb9daab170c0567fe3632d9a5548c5612982dd5e374a7424ebbc8a835c95,"
                + "b062eb9d2ab170c0567fcb672d9a5548c5612982dd5e374a7424ebbc8b135cb5, 10",
    })
    void shouldComputeHammingDistance(String a, String b, int expected) {
        assertEquals(expected, PhotoHash.distance(PhotoHash.parse(a), 0, PhotoHash.parse(b), 0));
    }
}
