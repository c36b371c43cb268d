package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Normalisation and name comparison on hostile names (the alphabet of the hostile-input corpus: bidi controls,
 * zero-width and format characters, combining marks, look-alikes, full-width and compatibility forms, lone
 * surrogates, control characters), beside the ordinary-name properties of {@link NameNormalizerTest} and
 * {@link NameComparatorTest}: normalising twice changes nothing, and comparing a with b reaches the same level as b
 * with a.
 */
class HostileNamePropertiesTest {

    @Provide
    Arbitrary<String> hostileNames() {
        Arbitrary<Character> hostile = Arbitraries.of(
                '\u202E', '\u202A', '\u202C', '\u2066', '\u2069', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF',
                '\u00AD', '\u0301', '\u0308', '\u0327', 'а', 'е', 'о', 'р', 'с', 'у', 'х', 'Ә', 'ә', 'Ғ', 'Қ', 'Ң', 'Ө',
                'Ұ', 'Ү', 'Һ', 'І', 'ё', 'Ｎ', 'ｕ', '　', 'ﬁ', '㍻', 'ﷺ', 'İ', 'ı', 'ß', 'ẞ', 'Σ', 'ς', '\uD800', '\uDC00',
                '\u0000', '\u0007', '\u001B', '\u0085', '\u00A0', '\t', '-', '\'', '.', ',', ' ', 'a', 'z', 'N', 'Z');
        Arbitrary<String> mixed = Arbitraries.strings()
                .withChars('a', 'b', 'e', 'k', 'n', 'r', 's', 't', 'A', 'K', 'N', 'S', 'а', 'б', 'е', 'к', 'н', 'р')
                .ofMaxLength(8);
        return Arbitraries.oneOf(hostile.map(String::valueOf), mixed, Arbitraries.of(" "))
                .list()
                .ofMaxSize(12)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 3000)
    void normalisationIsIdempotentOnHostileNames(@ForAll("hostileNames") String name) {
        String once = NameNormalizer.normalize(name);
        assertEquals(once, NameNormalizer.normalize(once), () -> escape(name));
    }

    @Property(tries = 3000)
    void nameComparisonIsSymmetricOnHostileNames(@ForAll("hostileNames") String a, @ForAll("hostileNames") String b) {
        assertEquals(
                NameComparatorTest.level(a, b), NameComparatorTest.level(b, a), () -> escape(a) + " / " + escape(b));
    }

    @Property(tries = 1000)
    void parsingAHostileNameNeverFails(@ForAll("hostileNames") String name) {
        ParsedName parsed = ParsedName.parse(name);
        NameComparatorTest.level(name, name);
        assertEquals(parsed.isEmpty(), parsed.core().length == 0 && parsed.patronymics().length == 0);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
