package org.qorgau.matching.photo;

/**
 * The eight rotations and flips of a picture (the dihedral group of the square). Each is "transpose or not, then
 * mirror the rows and/or the columns".
 *
 * <p>The EXIF {@code Orientation} tag names the transform that shows a stored picture upright ({@link #ofExif}).
 */
public enum Dihedral {
    ORIGINAL(false, false, false),
    /** A quarter turn clockwise. */
    ROTATE_90(true, false, true),
    ROTATE_180(false, true, true),
    /** A quarter turn anticlockwise. */
    ROTATE_270(true, true, false),
    /** Mirrored left to right. */
    FLIP_X(false, false, true),
    /** Mirrored top to bottom. */
    FLIP_Y(false, true, false),
    /** Mirrored about the main diagonal (transposed). */
    FLIP_PLUS_1(true, false, false),
    /** Mirrored about the anti-diagonal. */
    FLIP_MINUS_1(true, true, true);

    final boolean transpose;
    final boolean flipRows;
    final boolean flipCols;

    Dihedral(boolean transpose, boolean flipRows, boolean flipCols) {
        this.transpose = transpose;
        this.flipRows = flipRows;
        this.flipCols = flipCols;
    }

    /**
     * The transform that shows a picture stored with EXIF orientation {@code tag} upright.
     *
     * <table>
     *   <caption>EXIF Orientation</caption>
     *   <tr><th>tag</th><th>transform</th></tr>
     *   <tr><td>1, missing, 0 or 9+</td><td>{@link #ORIGINAL}</td></tr>
     *   <tr><td>2</td><td>{@link #FLIP_X}</td></tr>
     *   <tr><td>3</td><td>{@link #ROTATE_180}</td></tr>
     *   <tr><td>4</td><td>{@link #FLIP_Y}</td></tr>
     *   <tr><td>5</td><td>{@link #FLIP_PLUS_1}</td></tr>
     *   <tr><td>6</td><td>{@link #ROTATE_90}</td></tr>
     *   <tr><td>7</td><td>{@link #FLIP_MINUS_1}</td></tr>
     *   <tr><td>8</td><td>{@link #ROTATE_270}</td></tr>
     * </table>
     */
    public static Dihedral ofExif(int tag) {
        return switch (tag) {
            case 2 -> FLIP_X;
            case 3 -> ROTATE_180;
            case 4 -> FLIP_Y;
            case 5 -> FLIP_PLUS_1;
            case 6 -> ROTATE_90;
            case 7 -> FLIP_MINUS_1;
            case 8 -> ROTATE_270;
            default -> ORIGINAL;
        };
    }

    /** The picture with this transform applied. */
    Luma apply(Luma luma) {
        if (this == ORIGINAL) {
            return luma;
        }
        int w = luma.width();
        int h = luma.height();
        int outW = transpose ? h : w;
        int outH = transpose ? w : h;
        float[] in = luma.values();
        float[] out = new float[in.length];
        for (int r = 0; r < outH; r++) {
            int sr = flipRows ? outH - 1 - r : r;
            for (int c = 0; c < outW; c++) {
                int sc = flipCols ? outW - 1 - c : c;
                // after a transpose, output (sr, sc) is input (sc, sr)
                out[r * outW + c] = transpose ? in[sc * w + sr] : in[sr * w + sc];
            }
        }
        return new Luma(out, outW, outH);
    }
}
