package org.qorgau.matching.photo;

/**
 * Reads the EXIF {@code Orientation} tag (0x0112) of a JPEG from its APP1 "Exif" segment, by hand: the image readers
 * decode pixels as stored, and phones store portraits sideways with this tag saying how to turn them.
 *
 * <p>Every offset is checked against the bytes, so a malformed or hostile segment answers 1 (as stored), never an
 * exception. Only the segments before the first scan are looked at; a segment is at most 64 KiB by construction.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>not a JPEG, no Exif segment, no tag</td><td>1</td></tr>
 *   <tr><td>truncated or looping IFD offsets</td><td>1</td></tr>
 *   <tr><td>tag value outside 1..8</td><td>1</td></tr>
 * </table>
 */
public final class ExifOrientation {

    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {}

    public static int ofJpeg(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return 1;
        }
        int p = 2;
        while (p + 4 <= jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) {
                return 1;
            }
            int marker = jpeg[p + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                p++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: no more metadata
                return 1;
            }
            int length = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            if (length < 2 || p + 2 + length > jpeg.length) {
                return 1;
            }
            int start = p + 4;
            int end = p + 2 + length;
            if (marker == 0xE1
                    && end - start >= 14
                    && jpeg[start] == 'E'
                    && jpeg[start + 1] == 'x'
                    && jpeg[start + 2] == 'i'
                    && jpeg[start + 3] == 'f'
                    && jpeg[start + 4] == 0
                    && jpeg[start + 5] == 0) {
                return ofTiff(jpeg, start + 6, end);
            }
            p = end;
        }
        return 1;
    }

    /** The orientation in a TIFF structure (an EXIF block) at {@code [from, to)} of {@code b}; IFD0 only. */
    static int ofTiff(byte[] b, int from, int to) {
        if (to - from < 8) {
            return 1;
        }
        boolean little;
        if (b[from] == 'I' && b[from + 1] == 'I') {
            little = true;
        } else if (b[from] == 'M' && b[from + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, from + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, from + 4, little);
        if (ifd < 8 || ifd > to - from - 2) {
            return 1;
        }
        int at = from + (int) ifd;
        int count = u16(b, at, little);
        at += 2;
        for (int i = 0; i < count && at + 12 <= to; i++, at += 12) {
            if (u16(b, at, little) == TAG_ORIENTATION) {
                int type = u16(b, at + 2, little);
                if (type != 3) { // SHORT
                    return 1;
                }
                int value = u16(b, at + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return (hi << 16) | lo;
    }
}
