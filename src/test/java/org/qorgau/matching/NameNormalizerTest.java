package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameNormalizerTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "'  '|''",
                "НУРЛАН\u200B Абенов|нурлан абенов",
                "Нурлан\u00ADАбенов|нурланабенов",
                "\u202EАбенов\u202C Нурлан|абенов нурлан",
                "Ивaнов|иванов",
                "Pеtrov|petrov",
                "Анна-Мария|анна мария",
                "N. Abenov|n abenov",
                "Il'in|ilin",
                "ＮＵＲＬＡＮ|nurlan",
                "Нұрлан  ӘБЕНОВ|нұрлан әбенов",
                "Straße|strasse",
            })
    void shouldNormalizeEdgeCases(String input, String expected) {
        assertEquals(expected, NameNormalizer.normalize(input));
    }

    @ParameterizedTest
    @CsvSource({"аеорсху, аеорсху", "aeopcxy, aeopcxy", "сaр, сар", "pоp, pop", "вepa, вера", "тom, tom"})
    void shouldMapLookAlikesToTheMajorityScript(String token, String expected) {
        assertEquals(expected, NameNormalizer.skeleton(token));
    }

    @Property
    void normalizationIsIdempotent(@ForAll String any) {
        String once = NameNormalizer.normalize(any);
        assertEquals(once, NameNormalizer.normalize(once));
    }

    @Property
    void normalizationIsIdempotentOnMixedScriptNames(
            @ForAll
                    @StringLength(max = 30)
                    @Chars({' ', '-', '.', '\'', '\u200B', '\u00AD', 'ё', 'Ә', 'і', 'i'})
                    @CharRange(from = 'a', to = 'z')
                    @CharRange(from = 'А', to = 'я')
                    String name) {
        String once = NameNormalizer.normalize(name);
        assertEquals(once, NameNormalizer.normalize(once));
    }

    @Property
    void canonicalKeyIsStableUnderNormalization(
            @ForAll @StringLength(max = 20) @CharRange(from = 'А', to = 'я') @CharRange(from = 'a', to = 'z')
                    String name) {
        String normalized = NameNormalizer.normalize(name);
        for (String token : normalized.split(" ")) {
            assertEquals(CanonicalKey.of(token), CanonicalKey.of(NameNormalizer.normalize(token)));
        }
    }
}
