package org.qorgau.matching;

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), bounded: returns {@code limit + 1} as
 * soon as the distance is known to exceed {@code limit}.
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
        if (m <= Long.SIZE) {
            return Math.min(bitParallel(a, b), limit + 1);
        }
        return banded(a, b, limit);
    }

    /**
     * The exact distance by bit-vector columns (Myers' algorithm with Hyyrö's transposition term): one machine word holds
     * a whole column of the table for {@code b} of at most 64 symbols, so a name token's comparison needs no table
     * and no buffer (names are compared thousands of times per screening).
     */
    static int bitParallel(String a, String b) {
        int m = b.length();
        long last = 1L << (m - 1);
        long vp = -1L; // vertical deltas +1
        long vn = 0L; // vertical deltas -1
        long d0 = 0L; // diagonal zero-deltas
        long previousMatch = 0L;
        int score = m;
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            long match = 0L; // positions of c in b
            for (int j = 0; j < m; j++) {
                if (b.charAt(j) == c) {
                    match |= 1L << j;
                }
            }
            long transposition = ((~d0 & match) << 1) & previousMatch;
            d0 = (((match & vp) + vp) ^ vp) | match | vn | transposition;
            long hp = vn | ~(d0 | vp);
            long hn = d0 & vp;
            if ((hp & last) != 0) {
                score++;
            } else if ((hn & last) != 0) {
                score--;
            }
            hp = (hp << 1) | 1L;
            hn <<= 1;
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
            previousMatch = match;
        }
        return score;
    }

    /** The banded table (Ukkonen), for {@code b} longer than a machine word; also the reference for tests. */
    static int banded(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > limit) {
            return limit + 1;
        }
        if (n == 0 || m == 0) {
            return Math.min(Math.max(n, m), limit + 1);
        }
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
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
