package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A name read with two adjacent tokens joined (a stray space inside a word), and a rare name agreeing only up to a
 * typo or by sound.
 */
class JoinedReadingsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "Mitch Ell Berry; mitchell berry|mitch ellberry",
                "Pa Ine Thomas; paine thomas|pa inethomas",
                "Anna Berry; ''", // two tokens: nothing to join
                "J Ell Berry; j ellberry", // an initial is not joined
                "Ab Cd Ef Go; abcd ef go|ab cdef go|ab cd efgo",
                "Ab Cd Ef Gh Ij; ''", // more than four core tokens
                "Тохтар Беков Жандос Серикович; тохтарбеков жандос серикович|тохтар бековжандос серикович"
            })
    void shouldJoinEachPairOfAdjacentCoreTokens(String name, String expected) {
        List<String> readings = ParsedName.parse(name).joinedReadings().stream()
                .map(ParsedName::toString)
                .toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split("\\|")), readings);
    }

    @Test
    void shouldAcceptARareNameAgreeingUpToATypoOnlyWithItsOwnCount() {
        MatchingParameters p = MatchingParameters.loadDefault();
        NameComparator names = new NameComparator(p);
        ParsedName probe = ParsedName.parse("Tansombon Dalvernhe");
        ParsedName[] registry = {ParsedName.parse("Тансомбун Овернский")};
        String rare = NameToken.of("тансомбун").key();
        TermFrequencies tf = new TermFrequencies(Map.of(rare, 2), 20_000, p);
        assertNull(names.sharedRareToken(probe, registry, tf, 5, 0), "TYPO is not evidence unless allowed");
        NameToken found = names.sharedRareToken(probe, registry, tf, 5, 2);
        assertNotNull(found);
        assertEquals(rare, found.key());
        assertNull(names.sharedRareToken(probe, registry, tf, 5, 1), "borne by 2 entries: above a count of 1");
    }
}
