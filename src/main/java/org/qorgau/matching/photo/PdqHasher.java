package org.qorgau.matching.photo;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * PDQ, the 256-bit perceptual photo hash published by Facebook (now Meta) in ThreatExchange, written here from its
 * description ("The TMK+PDQF video-hashing algorithm and the PDQ image-hashing algorithm"):
 *
 * <ol>
 *   <li>luminance of every pixel ({@link Luma});
 *   <li>two passes of a Jarosz box filter along rows and along columns (a tent-shaped blur), with a window of
 *       {@code ceil(dimension / 128)} pixels, then the 64×64 samples at the centres of a 64×64 grid;
 *   <li>quality: the sum of the 64×64 buffer's horizontal and vertical steps, each as a whole percentage of full
 *       scale, divided by 90 and capped at 100 (a flat or featureless picture scores near 0);
 *   <li>the 2-D DCT of the 64×64 buffer, keeping frequencies 1..16 in each direction (16×16, no DC term);
 *   <li>a bit per coefficient: 1 when above the median of the 256 coefficients.
 * </ol>
 *
 * <p>The hash is written as 64 hexadecimal digits, the 256-bit number whose bit {@code 16 r + c} (counting from the
 * least significant) is the bit of coefficient row {@code r}, column {@code c}: the form of PDQ's reference output.
 *
 * <p>Thread-safe and allocation-light: an instance holds only the constant DCT matrix.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>one flat colour</td><td>quality 0, an arbitrary but deterministic hash</td></tr>
 *   <tr><td>smaller than 64×64</td><td>hashed as usual (samples repeat); quality is usually low</td></tr>
 *   <tr><td>the same picture rotated or mirrored</td><td>{@link #hashAll}'s matching entry, within a few bits</td></tr>
 * </table>
 */
public final class PdqHasher {

    /** Side of the downsampled buffer. */
    static final int SIDE = 64;
    /** Side of the kept DCT block. */
    static final int KEPT = 16;
    /** Pictures are first reduced to fit within this many pixels each way ({@link Luma#fitWithin}). */
    static final int PREPARED_SIDE = 512;
    /** Hashes below this quality are not evidence: PDQ's authors discard them. */
    public static final int MIN_USEFUL_QUALITY = 50;

    /** Row {@code i} (frequency {@code i + 1}), column {@code j}: sqrt(2/64) cos(pi (i + 1) (2j + 1) / 128). */
    private static final double[] DCT = new double[KEPT * SIDE];

    static {
        double scale = Math.sqrt(2.0 / SIDE);
        for (int i = 0; i < KEPT; i++) {
            for (int j = 0; j < SIDE; j++) {
                DCT[i * SIDE + j] = scale * Math.cos(Math.PI / (2.0 * SIDE) * (i + 1) * (2 * j + 1));
            }
        }
    }

    /** The hash of the picture as shown after {@code orientation} (e.g. from its EXIF tag). */
    public PdqResult hash(Luma luma, Dihedral orientation) {
        return hashPrepared(orientation.apply(luma.fitWithin(PREPARED_SIDE)));
    }

    public PdqResult hash(Luma luma) {
        return hash(luma, Dihedral.ORIGINAL);
    }

    /**
     * The hashes of all eight rotations and flips of the picture, from one decode and one reduction. Each is computed
     * on the turned reduction rather than by changing signs of DCT coefficients: the filter windows and 64×64 sample
     * points are not exactly mirror-symmetric, so only this gives what hashing a turned copy of the file gives.
     */
    public Map<Dihedral, PdqResult> hashAll(Luma luma) {
        Luma prepared = luma.fitWithin(PREPARED_SIDE);
        Map<Dihedral, PdqResult> out = new EnumMap<>(Dihedral.class);
        for (Dihedral d : Dihedral.values()) {
            out.put(d, hashPrepared(d.apply(prepared)));
        }
        return out;
    }

    private static PdqResult hashPrepared(Luma prepared) {
        float[] small = downsample(prepared);
        return new PdqResult(toHex(quantise(dct(small))), quality(small));
    }

    /** Hamming distance of two 64-digit hashes. */
    public static int distance(String a, String b) {
        if (a.length() != 64 || b.length() != 64) {
            throw new IllegalArgumentException("a PDQ hash has 64 hexadecimal digits");
        }
        int d = 0;
        for (int i = 0; i < 64; i += 16) {
            d += Long.bitCount(Long.parseUnsignedLong(a.substring(i, i + 16), 16)
                    ^ Long.parseUnsignedLong(b.substring(i, i + 16), 16));
        }
        return d;
    }

    // ---- 64×64 ---------------------------------------------------------------------------------------------------

    /** Two Jarosz passes in each direction, then the 64×64 centre samples. */
    static float[] downsample(Luma luma) {
        int w = luma.width();
        int h = luma.height();
        float[] a = luma.values().clone();
        float[] b = new float[a.length];
        int alongRows = windowSize(w);
        int alongCols = windowSize(h);
        for (int pass = 0; pass < 2; pass++) {
            boxAlongRows(a, b, w, h, alongRows);
            boxAlongCols(b, a, w, h, alongCols);
        }
        float[] out = new float[SIDE * SIDE];
        for (int i = 0; i < SIDE; i++) {
            int y = (int) ((i + 0.5) * h / SIDE);
            for (int j = 0; j < SIDE; j++) {
                int x = (int) ((j + 0.5) * w / SIDE);
                out[i * SIDE + j] = a[y * w + x];
            }
        }
        return out;
    }

    /** The box window for a dimension: {@code ceil(dim / 128)}, so two passes span about one 64th of it. */
    static int windowSize(int dimension) {
        return (dimension + 2 * SIDE - 1) / (2 * SIDE);
    }

    /**
     * A centred moving mean of window {@code window}: output {@code o} averages inputs {@code o - (window - half)} to
     * {@code o + half - 1}, {@code half = (window + 2) / 2}, clipped at both ends (fewer inputs near an edge).
     */
    private static void boxAlongRows(float[] in, float[] out, int w, int h, int window) {
        int half = (window + 2) / 2;
        int before = window - half;
        int after = half - 1;
        for (int y = 0; y < h; y++) {
            int base = y * w;
            double sum = 0;
            int lo = 0; // first input in the window
            int hi = -1; // last input in the window
            for (int o = 0; o < w; o++) {
                int wantHi = Math.min(w - 1, o + after);
                while (hi < wantHi) {
                    sum += in[base + ++hi];
                }
                int wantLo = Math.max(0, o - before);
                while (lo < wantLo) {
                    sum -= in[base + lo++];
                }
                out[base + o] = (float) (sum / (hi - lo + 1));
            }
        }
    }

    /** {@link #boxAlongRows} down the columns, a row at a time so memory is read in order. */
    private static void boxAlongCols(float[] in, float[] out, int w, int h, int window) {
        int half = (window + 2) / 2;
        int before = window - half;
        int after = half - 1;
        double[] sums = new double[w];
        int lo = 0;
        int hi = -1;
        for (int o = 0; o < h; o++) {
            int wantHi = Math.min(h - 1, o + after);
            while (hi < wantHi) {
                int base = ++hi * w;
                for (int x = 0; x < w; x++) {
                    sums[x] += in[base + x];
                }
            }
            int wantLo = Math.max(0, o - before);
            while (lo < wantLo) {
                int base = lo++ * w;
                for (int x = 0; x < w; x++) {
                    sums[x] -= in[base + x];
                }
            }
            int count = hi - lo + 1;
            int base = o * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = (float) (sums[x] / count);
            }
        }
    }

    /** Sum of whole-percent steps between neighbours, / 90, at most 100. */
    static int quality(float[] small) {
        long gradient = 0;
        for (int i = 0; i < SIDE - 1; i++) {
            for (int j = 0; j < SIDE; j++) {
                gradient += (int) Math.abs((small[i * SIDE + j] - small[(i + 1) * SIDE + j]) * 100 / 255);
            }
        }
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE - 1; j++) {
                gradient += (int) Math.abs((small[i * SIDE + j] - small[i * SIDE + j + 1]) * 100 / 255);
            }
        }
        return (int) Math.min(100, gradient / 90);
    }

    // ---- 16×16 ---------------------------------------------------------------------------------------------------

    /** {@code D · A · Dᵀ} with D the 16×64 DCT rows 1..16. */
    static double[] dct(float[] small) {
        double[] left = new double[KEPT * SIDE]; // D · A
        for (int i = 0; i < KEPT; i++) {
            for (int k = 0; k < SIDE; k++) {
                double d = DCT[i * SIDE + k];
                int row = k * SIDE;
                int outRow = i * SIDE;
                for (int j = 0; j < SIDE; j++) {
                    left[outRow + j] += d * small[row + j];
                }
            }
        }
        double[] out = new double[KEPT * KEPT];
        for (int i = 0; i < KEPT; i++) {
            for (int j = 0; j < KEPT; j++) {
                double s = 0;
                for (int k = 0; k < SIDE; k++) {
                    s += left[i * SIDE + k] * DCT[j * SIDE + k];
                }
                out[i * KEPT + j] = s;
            }
        }
        return out;
    }

    /** Bit {@code 16 r + c}: coefficient above the median (the lower middle value of the 256). */
    static long[] quantise(double[] coefficients) {
        double[] sorted = coefficients.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2 - 1];
        long[] bits = new long[4]; // bits[0] holds bits 0..63
        for (int k = 0; k < coefficients.length; k++) {
            if (coefficients[k] > median) {
                bits[k >> 6] |= 1L << (k & 63);
            }
        }
        return bits;
    }

    static String toHex(long[] bits) {
        StringBuilder s = new StringBuilder(64);
        for (int word = 3; word >= 0; word--) {
            String part = Long.toHexString(bits[word]);
            s.append("0".repeat(16 - part.length())).append(part);
        }
        return s.toString();
    }
}
