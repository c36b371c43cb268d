package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    @ParameterizedTest(name = "{0} / {1} within {2}: {3}")
    @CsvSource({
        "'', '', 2, 0",
        "'', abc, 2, 3",
        "nurlan, nrulan, 2, 1",
        "abenov, abenova, 2, 1",
        "abenov, abenov, 2, 0",
        "ca, abc, 3, 3",
        "kairat, qayrat, 2, 2",
        "ivanov, petrov, 2, 3",
        "ivanov, petrov, 9, 4",
        "нурлан, нурлна, 1, 1",
    })
    void knownDistances(String a, String b, int limit, int expected) {
        assertEquals(expected, EditDistance.distance(a, b, limit));
        assertEquals(expected, EditDistance.distance(b, a, limit));
        assertEquals(expected, EditDistance.banded(a, b, limit));
    }

    /** Optimal string alignment by the textbook full table: the definition both algorithms must meet. */
    private static int fullTable(String a, String b) {
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
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }

    private static String random(SplittableRandom r, int maxLength, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = r.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Test
    void bitVectorsAndTheBandedTableAgreeWithTheFullTable() {
        SplittableRandom r = new SplittableRandom(20261130L);
        String[] alphabets = {"ab", "abc", "abcdefgh", "абвгд"};
        for (int k = 0; k < 200_000; k++) {
            String alphabet = alphabets[k % alphabets.length];
            int maxLength = k % 7 == 0 ? 70 : 12;
            String a = random(r, maxLength, alphabet);
            String b = random(r, maxLength, alphabet);
            int exact = fullTable(a, b);
            int limit = r.nextInt(5);
            String pair = a + " / " + b + " limit " + limit;
            assertEquals(Math.min(exact, limit + 1), EditDistance.distance(a, b, limit), pair);
            assertEquals(Math.min(exact, limit + 1), EditDistance.banded(a, b, limit), pair);
            if (!b.isEmpty() && b.length() <= Long.SIZE) {
                assertEquals(exact, EditDistance.bitParallel(a, b), pair);
            }
        }
    }
}
