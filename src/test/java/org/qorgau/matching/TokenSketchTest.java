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
 * returns DIFFERENT: checked on the synthetic registry's tokens, on typos and gender forms of them, and on Latin and
 * mixed spellings, which it must leave to the comparison.
 */
class TokenSketchTest {

    private static final NameComparator NAMES = NameComparatorTest.COMPARATOR;

    @Test
    void settlesOnlyPairsTheComparisonFindsDifferent() {
        List<NameToken> tokens = registryTokens(3_000);
        Random random = new Random(20261201L);
        List<NameToken> variants = new ArrayList<>();
        for (NameToken t : tokens) {
            variants.add(token(typo(random, t.text())));
            variants.add(token(t.text() + "а")); // a gender form (Иванов/Иванова) or a typo at the end
            variants.add(token(t.text().substring(0, t.text().length() - 1) + "ая")); // -ий/-ая
        }
        variants.add(token("Ivanov"));
        variants.add(token("Nurlan"));
        variants.add(token("Zhanar"));
        List<NameToken> all = new ArrayList<>(tokens);
        all.addAll(variants);
        long[] sketches = NameComparator.sketches(all.toArray(new NameToken[0]));
        int settled = 0;
        int compared = 0;
        int agreeing = 0;
        for (int i = 0; i < all.size(); i++) {
            // each token against its own variants (near pairs) and against random others (mostly different names)
            int near = i < tokens.size() ? tokens.size() + 3 * i : i;
            for (int k = 0; k < 40; k++) {
                int j = k < 3 && i < tokens.size() ? near + k : random.nextInt(all.size());
                NameToken a = all.get(i);
                NameToken b = all.get(j);
                NameComparator.TokenLevel level = NAMES.compareTokens(a, b);
                boolean sure =
                        NAMES.surelyDifferent(sketches, i * NameComparator.SKETCH, sketches, j * NameComparator.SKETCH);
                if (sure) {
                    settled++;
                    assertEquals(NameComparator.TokenLevel.DIFFERENT, level, a.text() + " / " + b.text());
                } else {
                    compared++;
                }
                if (level.agrees()) {
                    agreeing++;
                }
            }
        }
        // both outcomes, and pairs that agree, are exercised
        assertTrue(
                settled > 50_000 && compared > 20_000 && agreeing > 1_000,
                settled + " / " + compared + " / " + agreeing);
    }

    @Test
    void leavesLatinMixedAndInitialTokensToTheComparison() {
        long[] s = NameComparator.sketches(new NameToken[] {
            token("Иванов"), token("Petrov"), token("Петров"), token("Пeтров"), token("П"), token("Сидоренко")
        });
        int w = NameComparator.SKETCH;
        assertFalse(NAMES.surelyDifferent(s, 0, s, w), "a Latin token may agree through its readings");
        assertFalse(NAMES.surelyDifferent(s, 0, s, 4 * w), "an initial agrees with any name of its letter");
        assertTrue(NAMES.surelyDifferent(s, 0, s, 5 * w), "Иванов / Сидоренко");
        assertEquals(NameComparator.TokenLevel.DIFFERENT, NAMES.compareTokens(token("Иванов"), token("Сидоренко")));
        // a Cyrillic pair with the same phonetic key is always compared
        NameToken x = token("Иванов");
        long[] same = NameComparator.sketches(new NameToken[] {x, x});
        assertFalse(NAMES.surelyDifferent(same, 0, same, w));
    }

    private static NameToken token(String text) {
        ParsedName name = ParsedName.parse(text);
        return name.core().length > 0 ? name.core()[0] : name.patronymics()[0];
    }

    private static List<NameToken> registryTokens(int people) {
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
    private static String typo(Random random, String s) {
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
