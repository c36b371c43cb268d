package org.qorgau.matching;

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded: returns {@code limit + 1} as
 * soon as the distance is known to exceed {@code limit}.
 *
 * <p>Names fit in a machine word, so the distance is computed column by column with bit vectors (Myers' algorithm with
 * Hyyrö's transposition term: H. Hyyrö, "A bit-vector algorithm for computing Levenshtein and Damerau edit distances",
 * Nordic Journal of Computing 10, 2003): a few word operations per character of the second string instead of a row
 * of the table. Strings over 64 characters take the banded table. Both give the same capped distance. Before either, a
 * bound from the characters the strings use rejects most pairs of different names ({@link #characterBound}).
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>a, b, limit</th><th>{@code distance}</th></tr>
 *   <tr><td>{@code "", "", 2}</td><td>0</td></tr>
 *   <tr><td>{@code "", "abc", 2}</td><td>3 (limit + 1)</td></tr>
 *   <tr><td>{@code "nurlan", "nrulan", 2}</td><td>1 (transposition)</td></tr>
 *   <tr><td>{@code "abenov", "abenova", 2}</td><td>1</td></tr>
 * </table>
 */
public final class EditDistance {

    // Reused rows: the scorer computes this for many token pairs per screening.
    private static final ThreadLocal<int[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new int[][] {new int[32], new int[32], new int[32]});

    private static final int FAR = Integer.MAX_VALUE / 4;

    private EditDistance() {}

    public static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > limit) {
            return limit + 1;
        }
        if (n == 0 || m == 0) {
            return Math.min(Math.max(n, m), limit + 1);
        }
        if (characterBound(a, b) > limit) {
            return limit + 1;
        }
        return n <= Long.SIZE ? bitParallel(a, b, limit) : banded(a, b, limit);
    }

    /**
     * A lower bound of the distance from the characters the two strings use, in one pass over each: most pairs the
     * comparator measures are different names, and this settles about three quarters of them without the table.
     *
     * <p>A character that one string has and the other lacks needs an edit of its own at each occurrence (a
     * substitution, insertion or deletion touches one character; a transposition moves two without removing either),
     * so the distance is at least the number of distinct characters either string has alone. Each character sets bit
     * {@code c mod 64} of its string's set; two characters on one bit can only hide a difference, never add one, so the
     * count stays a lower bound.
     */
    static int characterBound(String a, String b) {
        return characterBound(characters(a), characters(b));
    }

    /** The bound of {@link #characterBound(String, String)} from the two strings' {@link #characters}. */
    static int characterBound(long x, long y) {
        return Math.max(Long.bitCount(x & ~y), Long.bitCount(y & ~x));
    }

    /** The set of characters {@code s} uses, as {@link #characterBound} reads it: bit {@code c mod 64} per character. */
    static long characters(String s) {
        long x = 0;
        for (int i = 0; i < s.length(); i++) {
            x |= 1L << s.charAt(i); // the shift distance is taken mod 64
        }
        return x;
    }

    /**
     * Column {@code j} of the table is kept as vertical deltas ({@code vp}: +1, {@code vn}: -1 from row to row) over
     * the rows of {@code a}; {@code d0} marks the cells whose value equals the diagonal one before them; the
     * transposition term {@code tr} marks cells reached by swapping {@code b[j-1], b[j]} onto {@code a[i-1], a[i]}.
     * The last row's value is tracked as the columns advance; the string ends once even matching every remaining
     * character could not bring it back within {@code limit}.
     */
    private static int bitParallel(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        long last = 1L << (n - 1);
        long vp = -1L;
        long vn = 0;
        long d0 = 0;
        long previousEq = 0;
        int score = n;
        for (int j = 0; j < m; j++) {
            char c = b.charAt(j);
            long eq = 0;
            for (int i = 0; i < n; i++) {
                if (a.charAt(i) == c) {
                    eq |= 1L << i;
                }
            }
            long tr = ((~d0 & eq) << 1) & previousEq;
            d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr;
            long hp = vn | ~(d0 | vp);
            long hn = d0 & vp;
            if ((hp & last) != 0) {
                score++;
            } else if ((hn & last) != 0) {
                score--;
            }
            if (score - (m - 1 - j) > limit) {
                return limit + 1;
            }
            hp = hp << 1 | 1;
            hn = hn << 1;
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
            previousEq = eq;
        }
        return Math.min(score, limit + 1);
    }

    private static int banded(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        int[][] rows = BUFFERS.get();
        if (rows[0].length < m + 1) {
            rows = new int[][] {new int[m + 1], new int[m + 1], new int[m + 1]};
            BUFFERS.set(rows);
        }
        int[] prev2 = rows[0];
        int[] prev = rows[1];
        int[] cur = rows[2];
        // Ukkonen band: a cell (i, j) with |i - j| > limit is above the limit, so only the diagonal band is computed;
        // the cells just outside it hold FAR. Every cell of value at most limit is exact, so the capped result and the
        // early exit are those of the full table.
        int hi0 = Math.min(m, limit + 1);
        for (int j = 0; j <= hi0; j++) {
            prev[j] = j;
        }
        if (hi0 < m) {
            prev[hi0 + 1] = FAR;
        }
        for (int i = 1; i <= n; i++) {
            int lo = Math.max(1, i - limit);
            int hi = Math.min(m, i + limit);
            int rowMin;
            if (lo == 1) {
                cur[0] = i;
                rowMin = i;
            } else {
                cur[lo - 1] = FAR;
                rowMin = FAR;
            }
            char ca = a.charAt(i - 1);
            char pa = i > 1 ? a.charAt(i - 2) : 0;
            for (int j = lo; j <= hi; j++) {
                char cb = b.charAt(j - 1);
                int cost = ca == cb ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && ca == b.charAt(j - 2) && pa == cb) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                if (v < rowMin) {
                    rowMin = v;
                }
            }
            if (hi < m) {
                cur[hi + 1] = FAR;
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[m], limit + 1);
    }
}
