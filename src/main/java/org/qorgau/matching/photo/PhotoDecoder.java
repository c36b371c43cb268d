package org.qorgau.matching.photo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a JPEG, PNG or WebP photo held in memory into its upright luminance, in bounded memory, and hashes it.
 *
 * <ul>
 *   <li>The format is recognised from the bytes, never from a file name or declared type.
 *   <li>The pixel count is read from the header and refused above {@code maxPixels} <em>before</em> any pixel is
 *       decoded (a 30000×30000 header in a few hundred bytes is a decompression bomb).
 *   <li>Large photos are decoded at a reduced resolution (every {@code k}-th pixel, so the short side stays at least
 *       {@code 2 × targetSide}): PDQ blurs to 64×64 anyway, and a 12-megapixel photo then needs about a tenth of the
 *       memory and time. The hash moves by a few bits at most (see the validation test).
 *   <li>Nothing touches the disk: the stream is an in-memory one (ImageIO's default may cache to a temporary file).
 *   <li>The EXIF Orientation of a JPEG is applied, so a portrait stored sideways hashes like its upright copy.
 * </ul>
 *
 * <p>CMYK JPEG and WebP need the TwelveMonkeys ImageIO plugins on the class path (registered by ImageIO's service
 * lookup); the JDK reads baseline/progressive JPEG, PNG (grey, palette, 16-bit) on its own.
 */
public final class PhotoDecoder {

    /** Formats accepted, by ImageIO reader format name (lower case). */
    private static final Set<String> FORMATS = Set.of("jpeg", "png", "webp");

    private final long maxPixels;
    private final int minSide;
    private final int targetSide;
    private final PdqHasher hasher = new PdqHasher();

    /**
     * @param maxPixels largest accepted {@code width × height}
     * @param minSide smallest accepted width and height
     * @param targetSide photos whose short side is at least twice this are decoded at a reduced resolution; 0 keeps
     *     every pixel
     */
    public PhotoDecoder(long maxPixels, int minSide, int targetSide) {
        this.maxPixels = maxPixels;
        this.minSide = minSide;
        this.targetSide = targetSide;
    }

    /** Defaults: 50 megapixels, 16 pixels, 512. */
    public static PhotoDecoder withDefaults() {
        return new PhotoDecoder(50_000_000L, 16, 512);
    }

    /** A decoded photo: its luminance as stored and the transform that shows it upright. */
    public record Decoded(Luma luma, Dihedral orientation, String format, int width, int height) {}

    /** Decodes and hashes {@code bytes}, upright. */
    public PdqResult hash(byte[] bytes) throws PhotoRejected {
        Decoded d = decode(bytes);
        return hasher.hash(d.luma(), d.orientation());
    }

    public Decoded decode(byte[] bytes) throws PhotoRejected {
        if (bytes == null || bytes.length == 0) {
            throw new PhotoRejected(PhotoRejected.Reason.NOT_AN_IMAGE, "The photo is empty.");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in);
            try {
                return read(reader, in, bytes);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // only the in-memory stream's close can land here; the reads below translate their own failures
            throw new PhotoRejected(PhotoRejected.Reason.CORRUPT, "The photo could not be read.");
        }
    }

    private static ImageReader readerFor(ImageInputStream in) throws PhotoRejected {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String format;
            try {
                format = reader.getFormatName().toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                reader.dispose();
                continue;
            }
            if (FORMATS.contains(format)) {
                return reader;
            }
            reader.dispose();
        }
        throw new PhotoRejected(PhotoRejected.Reason.NOT_AN_IMAGE, "The photo is not a JPEG, PNG or WebP image.");
    }

    private Decoded read(ImageReader reader, ImageInputStream in, byte[] bytes) throws PhotoRejected {
        String format;
        int width;
        int height;
        BufferedImage image;
        boolean[] truncated = {false};
        try {
            format = reader.getFormatName().toLowerCase(Locale.ROOT);
            // metadata is not needed (orientation is read by hand), and ignoring it keeps a huge EXIF block unparsed
            reader.setInput(in, false, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            if ((long) width * height > maxPixels) {
                throw new PhotoRejected(
                        PhotoRejected.Reason.TOO_MANY_PIXELS,
                        "The photo has " + width + "×" + height + " pixels; at most " + maxPixels + " are accepted.");
            }
            if (width < minSide || height < minSide) {
                throw new PhotoRejected(
                        PhotoRejected.Reason.TOO_SMALL,
                        "The photo is " + width + "×" + height + " pixels; at least " + minSide + " on each side"
                                + " are needed.");
            }
            // a JPEG may carry further pictures after its own (depth maps, previews): the first is the photo
            if (!format.equals("jpeg") && reader.getNumImages(true) > 1) {
                throw new PhotoRejected(
                        PhotoRejected.Reason.MULTI_FRAME, "The photo has several frames; send a single picture.");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = targetSide <= 0 ? 1 : Math.max(1, Math.min(width, height) / (2 * targetSide));
            if (step > 1) {
                param.setSourceSubsampling(step, step, step / 2, step / 2);
            }
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(ImageReader source, String warning) {
                    String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
                    if (w.contains("premature") || w.contains("truncat") || w.contains("end of")) {
                        truncated[0] = true;
                    }
                }
            });
            image = reader.read(0, param);
        } catch (PhotoRejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // corrupt data surfaces from the readers as IIOException, but also as IndexOutOfBounds, IllegalArgument,
            // IllegalState, ...: none of it is the sender's business beyond "corrupt"
            throw new PhotoRejected(PhotoRejected.Reason.CORRUPT, "The photo is truncated or corrupt.");
        }
        if (truncated[0] || image == null) {
            throw new PhotoRejected(PhotoRejected.Reason.CORRUPT, "The photo is truncated or corrupt.");
        }
        Dihedral orientation =
                format.equals("jpeg") ? Dihedral.ofExif(ExifOrientation.ofJpeg(bytes)) : Dihedral.ORIGINAL;
        Luma luma = Luma.of(image);
        return new Decoded(luma, orientation, format, width, height);
    }
}
