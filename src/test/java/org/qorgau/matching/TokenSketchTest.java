package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.evaluation.KazakhRussianGenerator;

/**
 * {@link NameComparator#surelyDifferent} may settle a token pair only where {@link NameComparator#compareTokens}
 * returns DIFFERENT: checked with the synthetic registry's tokens against themselves, typos and gender forms of them
 * and their Latin spellings; initials and registry tokens not in Cyrillic letters alone are always compared.
 */
class TokenSketchTest {

    private static final NameComparator NAMES = NameComparatorTest.COMPARATOR;

    @Test
    void settlesOnlyPairsTheComparisonFindsDifferent() {
        List<NameToken> registry = registryTokens(3_000);
        Random random = new Random(20261201L);
        // probe tokens: the registry's own, typos and gender forms of them, and their Latin spellings in every scheme
        List<NameToken> probes = new ArrayList<>(registry);
        for (NameToken t : registry) {
            probes.add(token(typo(random, t.text())));
            probes.add(token(t.text() + "а")); // a gender form (Иванов/Иванова) or a typo at the end
            probes.add(token(t.text().substring(0, t.text().length() - 1) + "ая")); // -ий/-ая
            Transliterator.Scheme scheme =
                    Transliterator.Scheme.values()[random.nextInt(Transliterator.Scheme.values().length)];
            String latin = Transliterator.transliterate(t.text(), scheme);
            probes.add(token(latin));
            probes.add(token(typo(random, latin)));
        }
        long[] sketches = new long[registry.size() * TokenSketch.LONGS];
        for (int j = 0; j < registry.size(); j++) {
            TokenSketch.write(registry.get(j), sketches, j * TokenSketch.LONGS);
        }
        int settled = 0;
        int compared = 0;
        int agreeing = 0;
        int latinSettled = 0;
        for (int i = 0; i < probes.size(); i++) {
            NameToken a = probes.get(i);
            TokenSketch.Probe sketch = TokenSketch.Probe.of(a);
            // each probe token against the registry token it came from (near pairs) and random others (mostly
            // different)
            int from = i < registry.size() ? i : (i - registry.size()) / 5;
            for (int k = 0; k < 30; k++) {
                int j = k == 0 ? from : random.nextInt(registry.size());
                NameToken b = registry.get(j);
                NameComparator.TokenLevel level = NAMES.compareTokens(a, b);
                if (NAMES.surelyDifferent(sketch, sketches, j * TokenSketch.LONGS)) {
                    settled++;
                    if (!sketch.cyrillicText()) {
                        latinSettled++;
                    }
                    assertEquals(NameComparator.TokenLevel.DIFFERENT, level, a.text() + " / " + b.text());
                } else {
                    compared++;
                }
                if (level.agrees()) {
                    agreeing++;
                }
            }
        }
        // both outcomes, Latin probe tokens settled, and pairs that agree, are exercised
        assertTrue(
                settled > 100_000 && latinSettled > 20_000 && compared > 20_000 && agreeing > 5_000,
                settled + " settled (" + latinSettled + " Latin) / " + compared + " compared / " + agreeing
                        + " agreeing");
    }

    @Test
    void leavesInitialsMixedSpellingsAndSamePhoneticKeysToTheComparison() {
        long[] sketches = new long[3 * TokenSketch.LONGS];
        TokenSketch.write(token("Сидоренко"), sketches, 0);
        TokenSketch.write(token("Петqов"), sketches, TokenSketch.LONGS); // a Latin q among Cyrillic letters
        TokenSketch.write(token("Petrov"), sketches, 2 * TokenSketch.LONGS);
        TokenSketch.Probe ivanov = TokenSketch.Probe.of(token("Иванов"));
        assertTrue(NAMES.surelyDifferent(ivanov, sketches, 0), "Иванов / Сидоренко");
        assertEquals(NameComparator.TokenLevel.DIFFERENT, NAMES.compareTokens(token("Иванов"), token("Сидоренко")));
        assertTrue(NAMES.surelyDifferent(TokenSketch.Probe.of(token("Ivanov")), sketches, 0), "Ivanov / Сидоренко");
        assertFalse(NAMES.surelyDifferent(ivanov, sketches, TokenSketch.LONGS), "a registry token not Cyrillic only");
        assertFalse(NAMES.surelyDifferent(ivanov, sketches, 2 * TokenSketch.LONGS), "a Latin registry token");
        assertFalse(NAMES.surelyDifferent(TokenSketch.Probe.of(token("С")), sketches, 0), "an initial agrees with С…");
        long[] own = new long[TokenSketch.LONGS];
        TokenSketch.write(token("Сидоренко"), own, 0);
        assertFalse(NAMES.surelyDifferent(TokenSketch.Probe.of(token("Sidorenko")), own, 0), "the same name in Latin");
        assertFalse(NAMES.surelyDifferent(TokenSketch.Probe.of(token("Сидоренко")), own, 0), "the same name");
    }

    static NameToken token(String text) {
        ParsedName name = ParsedName.parse(text);
        return name.core().length > 0 ? name.core()[0] : name.patronymics()[0];
    }

    static List<NameToken> registryTokens(int people) {
        Map<String, NameToken> distinct = new LinkedHashMap<>();
        BenchmarkData.registry(people, KazakhRussianGenerator.DEFAULT_SEED).forEach(person -> {
            ParsedName name = ParsedName.parse(person.fullName());
            for (NameToken t : name.core()) {
                if (!t.initial() && t.text().length() > 1) {
                    distinct.putIfAbsent(t.text(), t);
                }
            }
            for (NameToken t : name.patronymics()) {
                distinct.putIfAbsent(t.text(), t);
            }
        });
        return new ArrayList<>(distinct.values());
    }

    /** One random substitution, deletion or adjacent swap. */
    static String typo(Random random, String s) {
        StringBuilder b = new StringBuilder(s);
        int at = random.nextInt(s.length() - 1) + 1;
        switch (random.nextInt(3)) {
            case 0 -> b.setCharAt(at, "аеиоунрслк".charAt(random.nextInt(10)));
            case 1 -> b.deleteCharAt(at);
            default -> {
                char c = b.charAt(at - 1);
                b.setCharAt(at - 1, b.charAt(at));
                b.setCharAt(at, c);
            }
        }
        return b.toString();
    }
}
