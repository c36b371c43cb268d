package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every iuliia scheme kept in {@code src/test/resources/reference/translit-schemas} (read from the test
 * classpath): the canonical key of each Cyrillic sample word equals, or
 * is within one edit of, the key of the scheme's Latin rendering. Prints the pass rate per scheme; the main schemes
 * people meet on documents must pass almost every word.
 */
class TransliterationSamplesTest {

    static final String SCHEMES = "/reference/translit-schemas/";

    record Rate(int exact, int close, int total) {
        double passRate() {
            return total == 0 ? 1.0 : (exact + close) / (double) total;
        }
    }

    static Stream<Arguments> schemes() throws IOException {
        // Academic schemes (scientific, ISO 9, GOST 7.79) write й as j and х as x, which the key reads as ж and ks:
        // they are rare on identity documents and get a lower bar.
        // Main schemes with their minimum pass rate (words whose keys are equal or one edit apart).
        return Stream.of(
                Arguments.of("icao_doc_9303", 0.95),
                Arguments.of("bgn_pcgn", 0.95),
                Arguments.of("bgn_pcgn_alt", 0.90),
                Arguments.of("wikipedia", 0.95),
                Arguments.of("mosmetro", 0.95),
                Arguments.of("mvd_782", 0.95),
                Arguments.of("mvd_310", 0.95),
                Arguments.of("yandex_maps", 0.95),
                Arguments.of("yandex_money", 0.95),
                Arguments.of("telegram", 0.90),
                Arguments.of("ala_lc", 0.90),
                Arguments.of("gost_52535", 0.90),
                Arguments.of("ungegn_1987", 0.85),
                Arguments.of("scientific", 0.60),
                Arguments.of("gost_779", 0.85),
                Arguments.of("iso_9_1954", 0.80));
    }

    static Rate rate(String scheme) throws IOException {
        JsonNode root;
        try (InputStream in = TransliterationSamplesTest.class.getResourceAsStream(SCHEMES + scheme + ".json")) {
            if (in == null) {
                throw new IOException("scheme " + scheme + " is not on the test classpath under " + SCHEMES);
            }
            root = new ObjectMapper().readTree(in);
        }
        int exact = 0;
        int close = 0;
        int total = 0;
        for (JsonNode sample : root.get("samples")) {
            String[] cyr = NameNormalizer.normalize(sample.get(0).asText()).split(" ");
            String[] lat = NameNormalizer.normalize(sample.get(1).asText()).split(" ");
            if (cyr.length != lat.length) {
                total += cyr.length;
                continue;
            }
            for (int i = 0; i < cyr.length; i++) {
                String a = CanonicalKey.of(cyr[i]);
                String b = CanonicalKey.of(lat[i]);
                total++;
                if (a.equals(b)) {
                    exact++;
                } else if (EditDistance.distance(a, b, 1) <= 1) {
                    close++;
                } else {
                    System.out.printf("  %s: %s -> %s  vs  %s -> %s%n", scheme, cyr[i], a, lat[i], b);
                }
            }
        }
        return new Rate(exact, close, total);
    }

    @ParameterizedTest(name = "{0} passes at least {1}")
    @MethodSource("schemes")
    void shouldGiveEqualOrCloseKeysForCyrillicAndItsRomanisation(String scheme, double minimum) throws IOException {
        Rate r = rate(scheme);
        System.out.printf(
                "TRANSLIT %-14s exact %3d close %3d of %3d = %.3f%n",
                scheme, r.exact(), r.close(), r.total(), r.passRate());
        assertTrue(r.passRate() >= minimum, scheme + " pass rate " + r.passRate());
    }
}
