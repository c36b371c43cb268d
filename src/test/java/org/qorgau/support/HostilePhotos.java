package org.qorgau.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Photos for tests: a real one, small generated ones, and hostile ones, made in memory (never written to disk). */
public final class HostilePhotos {

    private HostilePhotos() {}

    /** A 1600×1004 photo (PDQ's reference image, see reference/pdq/ORIGIN.md). */
    public static byte[] bridgeJpeg() {
        return resource("/reference/pdq/misc-images/modes/original.jpg");
    }

    /** A 256×256 reference photo of quality 100. */
    public static byte[] smallJpeg() {
        return resource("/reference/pdq/reg-test-input/labelme-subset/q2821.jpg");
    }

    /** A generated picture with structure (quality 100), distinct per {@code seed}, as PNG or JPEG. */
    public static byte[] pattern(int seed, String format) {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillRect(random.nextInt(300), random.nextInt(220), 10 + random.nextInt(120), 10 + random.nextInt(90));
        }
        g.dispose();
        return encode(image, format);
    }

    /** A flat grey picture: decodable, but quality 0. */
    public static byte[] flat(String format) {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        return encode(image, format);
    }

    public static byte[] onePixelPng() {
        return encode(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR), "png");
    }

    /** The first half of a JPEG. */
    public static byte[] truncatedJpeg() {
        byte[] whole = bridgeJpeg();
        return Arrays.copyOf(whole, whole.length / 2);
    }

    public static byte[] notAnImage() {
        return "this is a CV in plain text, not a photo\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
    }

    /** A valid PNG signature and IHDR declaring 30000×30000 (900 megapixels) followed by a few bytes of IDAT. */
    public static byte[] pngBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        put32(ihdr, 0, 30000);
        put32(ihdr, 4, 30000);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A small baseline JPEG whose frame header is rewritten to declare 30000×30000. */
    public static byte[] jpegBomb() {
        byte[] jpeg = smallJpeg().clone();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && ((jpeg[i + 1] & 0xFF) == 0xC0 || (jpeg[i + 1] & 0xFF) == 0xC2)) {
                jpeg[i + 5] = (byte) (30000 >> 8);
                jpeg[i + 6] = (byte) (30000 & 0xFF);
                jpeg[i + 7] = (byte) (30000 >> 8);
                jpeg[i + 8] = (byte) (30000 & 0xFF);
                return jpeg;
            }
        }
        throw new IllegalStateException("no frame header");
    }

    /** A JPEG carrying {@code segments} APP1 segments of 65,000 bytes each (a "huge EXIF") before its picture. */
    public static byte[] hugeExifJpeg(int segments) {
        byte[] jpeg = smallJpeg();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        byte[] body = new byte[65_000];
        System.arraycopy("Exif\0\0MM\0*".getBytes(StandardCharsets.ISO_8859_1), 0, body, 0, 10);
        Arrays.fill(body, 10, body.length, (byte) 0x41);
        for (int i = 0; i < segments; i++) {
            int length = body.length + 2;
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
            out.writeBytes(body);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A GIF (a format not accepted at all). */
    public static byte[] gif() {
        return encode(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_INDEXED), "gif");
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        put32(length, 0, data.length);
        out.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] c = new byte[4];
        put32(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
            writer.dispose();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] resource(String path) {
        try (InputStream in = HostilePhotos.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
