package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link EditDistance} computes the capped optimal-string-alignment distance with bit vectors (and, over 64
 * characters, with a banded table); both must equal the plain full table below for every pair and limit.
 */
class EditDistanceTest {

    @Test
    void documentedCases() {
        assertEquals(0, EditDistance.distance("", "", 2));
        assertEquals(3, EditDistance.distance("", "abc", 2));
        assertEquals(1, EditDistance.distance("nurlan", "nrulan", 2));
        assertEquals(1, EditDistance.distance("abenov", "abenova", 2));
        assertEquals(3, EditDistance.distance("ca", "abc", 3)); // restricted: no edit inside a transposed pair
        assertEquals(1, EditDistance.distance("иванов", "ианов", 0));
        assertEquals(1, EditDistance.distance("екатеринн", "екатерина", 2));
    }

    @Test
    void equalsThePlainTableOnRandomPairs() {
        Random random = new Random(20261130L);
        String[] alphabets = {"ab", "abc", "abcdef", "абвгдеёжзийклмн", "nurlaiovbekzh"};
        int compared = 0;
        for (int k = 0; k < 300_000; k++) {
            String alphabet = alphabets[k % alphabets.length];
            int longest = k % 50 == 0 ? 80 : 14; // a few over 64 characters: the banded table
            String a = random(random, alphabet, random.nextInt(longest + 1));
            String b = k % 3 == 0 ? mutate(random, a, alphabet) : random(random, alphabet, random.nextInt(longest + 1));
            int limit = random.nextInt(7);
            assertEquals(
                    Math.min(plain(a, b), limit + 1),
                    EditDistance.distance(a, b, limit),
                    a + " / " + b + " / " + limit);
            compared++;
        }
        assertEquals(300_000, compared);
    }

    @Test
    void characterBoundNeverExceedsTheDistance() {
        // "a" (97) and "!" (33) share bit 33 of the character set: the bound misses that difference, and stays below.
        assertEquals(0, EditDistance.characterBound("a", "!"));
        assertEquals(1, EditDistance.distance("a", "!", 0));
        assertEquals(4, EditDistance.characterBound("иванов", "петров")); // п, е, т, р not in иванов: 4 substitutions
        assertEquals(4, plain("иванов", "петров"));
        assertEquals(3, EditDistance.distance("иванов", "петров", 2));
        Random random = new Random(20261201L);
        String[] alphabets = {"abcdef", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "nurlaiovbekzh!#"};
        int above = 0;
        int within = 0;
        for (int k = 0; k < 100_000; k++) {
            String alphabet = alphabets[k % alphabets.length];
            String a = random(random, alphabet, random.nextInt(12));
            String b = k % 2 == 0 ? mutate(random, a, alphabet) : random(random, alphabet, random.nextInt(12));
            int bound = EditDistance.characterBound(a, b);
            int distance = plain(a, b);
            assertTrue(bound <= distance, a + " / " + b + ": bound " + bound + " over distance " + distance);
            int limit = random.nextInt(4);
            if (bound > limit) {
                above++; // settled by the bound alone
            } else {
                within++;
            }
            assertEquals(Math.min(distance, limit + 1), EditDistance.distance(a, b, limit), a + " / " + b);
        }
        assertTrue(above > 10_000 && within > 10_000, above + " settled by the bound, " + within + " not");
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** {@code a} with up to four random substitutions, insertions, deletions or adjacent swaps. */
    private static String mutate(Random random, String a, String alphabet) {
        StringBuilder s = new StringBuilder(a);
        int edits = random.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int op = random.nextInt(4);
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            if (op == 0 && s.length() > 0) {
                s.setCharAt(at, c);
            } else if (op == 1) {
                s.insert(at, c);
            } else if (op == 2 && s.length() > 0) {
                s.deleteCharAt(at);
            } else if (op == 3 && s.length() > 1 && at + 1 < s.length()) {
                char t = s.charAt(at);
                s.setCharAt(at, s.charAt(at + 1));
                s.setCharAt(at + 1, t);
            }
        }
        return s.toString();
    }

    /** The textbook optimal-string-alignment table, uncapped. */
    private static int plain(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
