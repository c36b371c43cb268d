package org.qorgau.matching.photo;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;

/**
 * A picture's luminance, row by row, 0..255 per pixel: {@code Y = 0.299 R + 0.587 G + 0.114 B} (the weights PDQ
 * uses). Grey images are read as their own grey level: the JDK's grey colour space is linear, and converting it to
 * sRGB would brighten every pixel.
 */
public record Luma(float[] values, int width, int height) {

    public Luma {
        if (width < 1 || height < 1 || values.length != width * height) {
            throw new IllegalArgumentException("luma must be width * height values");
        }
    }

    public float at(int row, int col) {
        return values[row * width + col];
    }

    /** The luminance of a decoded image; alpha is ignored (a transparent pixel keeps its colour). */
    public static Luma of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1) {
            int bits = model.getComponentSize(0);
            float scale = 255f / ((1 << Math.min(bits, 16)) - 1);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                int base = y * w;
                for (int x = 0; x < w; x++) {
                    out[base + x] = row[x] * scale;
                }
            }
            return new Luma(out, w, h);
        }
        if ((image.getType() == BufferedImage.TYPE_3BYTE_BGR || image.getType() == BufferedImage.TYPE_4BYTE_ABGR)
                && raster.getDataBuffer().getDataType() == DataBuffer.TYPE_BYTE) {
            // the common JPEG case, read straight from the raster: several times faster than getRGB
            int bands = raster.getNumBands();
            byte[] row = new byte[w * bands];
            for (int y = 0; y < h; y++) {
                raster.getDataElements(0, y, w, 1, row);
                int base = y * w;
                for (int x = 0, i = 0; x < w; x++, i += bands) {
                    // getDataElements of a 3BYTE_BGR / 4BYTE_ABGR raster answers in R, G, B(, A) band order
                    out[base + x] = luma(row[i] & 0xFF, row[i + 1] & 0xFF, row[i + 2] & 0xFF);
                }
            }
            return new Luma(out, w, h);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                out[base + x] = luma((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
            }
        }
        return new Luma(out, w, h);
    }

    /**
     * This picture scaled down, keeping its aspect ratio, so that neither side exceeds {@code side} (unchanged when it
     * already fits). Each output pixel is a bicubic ({@code a = -0.5}) weighting of the input, the kernel stretched by
     * the scale factor so every input pixel contributes (an antialiased reduction, as common image libraries resize).
     * PDQ's authors recommend hashing a 512-pixel reduction; their reference hashes are computed that way.
     */
    public Luma fitWithin(int side) {
        if (width <= side && height <= side) {
            return this;
        }
        double scale = Math.max((double) width / side, (double) height / side);
        int w = Math.max(1, (int) Math.round(width / scale));
        int h = Math.max(1, (int) Math.round(height / scale));
        w = Math.min(w, side);
        h = Math.min(h, side);
        float[] horizontal = new float[w * height];
        Weights across = Weights.of(width, w);
        for (int y = 0; y < height; y++) {
            int in = y * width;
            int out = y * w;
            for (int x = 0; x < w; x++) {
                double s = 0;
                int first = across.first[x];
                int base = x * across.span;
                for (int k = 0; k < across.count[x]; k++) {
                    s += across.weight[base + k] * values[in + first + k];
                }
                horizontal[out + x] = (float) s;
            }
        }
        float[] result = new float[w * h];
        Weights down = Weights.of(height, h);
        for (int y = 0; y < h; y++) {
            int first = down.first[y];
            int base = y * down.span;
            int out = y * w;
            for (int k = 0; k < down.count[y]; k++) {
                double weight = down.weight[base + k];
                int in = (first + k) * w;
                for (int x = 0; x < w; x++) {
                    result[out + x] += (float) (weight * horizontal[in + x]);
                }
            }
        }
        return new Luma(result, w, h);
    }

    /** Normalised bicubic weights of each output position over the input positions it covers. */
    private record Weights(int[] first, int[] count, double[] weight, int span) {

        static Weights of(int in, int out) {
            double scale = (double) in / out;
            double support = 2.0 * scale; // bicubic reaches 2 pixels each way; stretched when reducing
            int span = (int) Math.ceil(support) * 2 + 1;
            int[] first = new int[out];
            int[] count = new int[out];
            double[] weight = new double[out * span];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(in - 1, (int) Math.ceil(centre + support));
                hi = Math.min(hi, lo + span - 1);
                double total = 0;
                for (int i = lo; i <= hi; i++) {
                    double wgt = cubic((i + 0.5 - centre) / scale);
                    weight[o * span + i - lo] = wgt;
                    total += wgt;
                }
                if (total != 0) {
                    for (int i = lo; i <= hi; i++) {
                        weight[o * span + i - lo] /= total;
                    }
                }
                first[o] = lo;
                count[o] = hi - lo + 1;
            }
            return new Weights(first, count, weight, span);
        }

        private static double cubic(double x) {
            double a = -0.5;
            x = Math.abs(x);
            if (x < 1) {
                return ((a + 2) * x - (a + 3)) * x * x + 1;
            }
            if (x < 2) {
                return (((x - 5) * x + 8) * x - 4) * a;
            }
            return 0;
        }
    }

    static float luma(int r, int g, int b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }
}
