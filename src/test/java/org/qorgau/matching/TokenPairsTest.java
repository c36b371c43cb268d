package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenPairs} remembers only what the comparison answers: the agreement masks with its help equal the token
 * comparisons' own, cold and warm, in a table far too small for the pairs (so slots are taken over again and again);
 * a probe token stands for a registry token only when it equals it.
 */
class TokenPairsTest {

    private static final NameComparator NAMES = NameComparatorTest.COMPARATOR;

    @Test
    void masksWithRememberedPairsAreTheComparisonsOwn() {
        List<NameToken> registry = TokenSketchTest.registryTokens(2_000);
        NameToken[] tokens = registry.toArray(new NameToken[0]);
        long[] sketches = new long[tokens.length * TokenSketch.LONGS];
        for (int j = 0; j < tokens.length; j++) {
            TokenSketch.write(tokens[j], sketches, j * TokenSketch.LONGS);
        }
        TokenPairs pairs = new TokenPairs(tokens, 1 << 12);
        Random random = new Random(20261202L);
        // probes of three tokens: registry tokens parsed anew (equal, not the same objects), typos, Latin spellings
        List<NameToken[]> probes = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            NameToken[] probe = new NameToken[3];
            for (int i = 0; i < 3; i++) {
                String text = tokens[random.nextInt(tokens.length)].text();
                probe[i] = TokenSketchTest.token(
                        switch (random.nextInt(4)) {
                            case 0 -> TokenSketchTest.typo(random, text);
                            case 1 -> Transliterator.transliterate(text, Transliterator.Scheme.ICAO_9303);
                            default -> text;
                        });
            }
            probes.add(probe);
        }
        int remembered = 0;
        int agreeing = 0;
        for (int pass = 0; pass < 2; pass++) {
            Random ids = new Random(7);
            for (NameToken[] probe : probes) {
                TokenSketch.Probe[] probeSketches = TokenSketch.Probe.of(probe);
                int[] probeIds = pairs.idsOf(probe);
                for (int k = 0; k < 200; k++) {
                    int id = ids.nextInt(tokens.length);
                    for (int i = 0; i < probe.length; i++) {
                        if (probeIds[i] >= 0 && pairs.agrees(probeIds[i], id) >= 0) {
                            remembered++;
                        }
                    }
                    int expected = 0; // the comparison itself, pair by pair
                    for (int i = 0; i < probe.length; i++) {
                        expected |= NAMES.compareTokens(probe[i], tokens[id]).agrees() ? 1 << i : 0;
                    }
                    assertEquals(
                            expected,
                            NAMES.agreeMask(probe, probeSketches, probeIds, pairs, tokens, sketches, id),
                            () -> probe[0].text() + " " + probe[1].text() + " " + probe[2].text() + " / "
                                    + tokens[id].text());
                    agreeing += Integer.bitCount(expected);
                }
            }
        }
        // the second pass finds answers the first left (not all: the table holds 4,096 of 360,000 pairs)
        assertTrue(remembered > 1_000 && agreeing > 100, remembered + " remembered, " + agreeing + " agreeing");
    }

    @Test
    void aRegistryOfFewDistinctTokensStillHasRoomForTheirPairs() {
        // 3,000 distinct tokens (the synthetic registry of a million entries has fewer) make 9,000,000 pairs
        NameToken[] tokens = new NameToken[3_000];
        java.util.Arrays.fill(tokens, TokenSketchTest.token("Нұрлан"));
        TokenPairs pairs = new TokenPairs(tokens, TokenPairs.MAX_SLOTS);
        Random random = new Random(3);
        int[][] remembered = new int[300_000][];
        for (int k = 0; k < remembered.length; k++) {
            remembered[k] = new int[] {random.nextInt(tokens.length), random.nextInt(tokens.length)};
            pairs.remember(remembered[k][0], remembered[k][1], answer(remembered[k]));
        }
        int found = 0;
        for (int k = 0; k < remembered.length; k++) {
            int answer = pairs.agrees(remembered[k][0], remembered[k][1]);
            if (answer >= 0) {
                found++;
                assertEquals(answer(remembered[k]) ? 1 : 0, answer);
            }
        }
        // a million slots keep most of 300,000 pairs; a table sized by the token count alone kept a few percent
        assertTrue(found > 200_000, found + " of 300,000 pairs found");
    }

    @Test
    void pairsThatShareASetAreKeptTillNewerOnesPushTheOldestOut() {
        NameToken[] tokens = new NameToken[3_000];
        java.util.Arrays.fill(tokens, TokenSketchTest.token("Нұрлан"));
        TokenPairs pairs = new TokenPairs(tokens, 1 << 10);
        // the first WAYS + 1 pairs whose hash chooses the same set as the pair (0, 0)
        List<int[]> sharing = new ArrayList<>();
        for (int probe = 0; sharing.size() <= TokenPairs.WAYS; probe++) {
            for (int id = 0; id < tokens.length && sharing.size() <= TokenPairs.WAYS; id++) {
                if (pairs.setOf(probe, id) == pairs.setOf(0, 0)) {
                    sharing.add(new int[] {probe, id});
                }
            }
        }
        for (int k = 0; k < TokenPairs.WAYS; k++) {
            pairs.remember(sharing.get(k)[0], sharing.get(k)[1], answer(sharing.get(k)));
        }
        for (int k = 0; k < TokenPairs.WAYS; k++) {
            int[] pair = sharing.get(k);
            assertEquals(answer(pair) ? 1 : 0, pairs.agrees(pair[0], pair[1]), "pair " + k + " of a full set");
        }
        int[] newest = sharing.get(TokenPairs.WAYS);
        pairs.remember(newest[0], newest[1], answer(newest));
        assertEquals(answer(newest) ? 1 : 0, pairs.agrees(newest[0], newest[1]));
        assertEquals(-1, pairs.agrees(sharing.get(0)[0], sharing.get(0)[1]), "the oldest is pushed out");
        for (int k = 1; k < TokenPairs.WAYS; k++) {
            int[] pair = sharing.get(k);
            assertEquals(answer(pair) ? 1 : 0, pairs.agrees(pair[0], pair[1]), "pair " + k + " stays");
        }
    }

    /** An answer of the pair's own (a pair drawn twice is remembered twice alike). */
    private static boolean answer(int[] pair) {
        return (pair[0] + pair[1]) % 3 == 0;
    }

    @Test
    void aProbeTokenStandsForARegistryTokenOnlyWhenEqual() {
        NameToken[] tokens = {
            TokenSketchTest.token("Нұрлан"), TokenSketchTest.token("Сейтқали"), TokenSketchTest.token("Ivanov")
        };
        TokenPairs pairs = new TokenPairs(tokens, 1 << 10);
        assertEquals(0, pairs.idOf(TokenSketchTest.token("НҰРЛАН")));
        assertEquals(2, pairs.idOf(TokenSketchTest.token("ivanov")));
        assertEquals(-1, pairs.idOf(TokenSketchTest.token("Нурлан")), "another spelling is another token");
        assertEquals(-1, pairs.idOf(TokenSketchTest.token("Petrov")));

        pairs.remember(0, 1, true);
        pairs.remember(1, 0, false);
        assertEquals(1, pairs.agrees(0, 1));
        assertEquals(0, pairs.agrees(1, 0));
        assertEquals(-1, pairs.agrees(0, 2), "never compared");

        TokenPairs none = new TokenPairs(tokens, 0);
        none.remember(0, 1, true);
        assertEquals(-1, none.agrees(0, 1));
        assertEquals(-1, none.idOf(TokenSketchTest.token("Нұрлан")));
    }
}
