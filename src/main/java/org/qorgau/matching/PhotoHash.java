package org.qorgau.matching;

/**
 * 256-bit PDQ hashes as four longs, and their Hamming distance.
 *
 * <table>
 *   <caption>Edge cases of {@link #parse}</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>{@code null}, {@code ""}, 63 or 65 hex digits, non-hex</td><td>{@code null} (no photo)</td></tr>
 *   <tr><td>64 hex digits, any case</td><td>four longs, most significant first</td></tr>
 * </table>
 */
public final class PhotoHash {

    public static final int BITS = 256;

    private PhotoHash() {}

    public static long[] parse(String hex) {
        if (hex == null) {
            return null;
        }
        String s = hex.trim();
        if (s.length() != 64) {
            return null;
        }
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            try {
                out[i] = Long.parseUnsignedLong(s.substring(i * 16, i * 16 + 16), 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    public static int distance(long[] a, int offsetA, long[] b, int offsetB) {
        return Long.bitCount(a[offsetA] ^ b[offsetB])
                + Long.bitCount(a[offsetA + 1] ^ b[offsetB + 1])
                + Long.bitCount(a[offsetA + 2] ^ b[offsetB + 2])
                + Long.bitCount(a[offsetA + 3] ^ b[offsetB + 3]);
    }

    /** The 16-bit chunk {@code c} (0..15) of the hash at {@code offset}. */
    static int chunk(long[] bits, int offset, int c) {
        return (int) (bits[offset + c / 4] >>> (48 - 16 * (c % 4))) & 0xFFFF;
    }
}
