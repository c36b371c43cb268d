package org.qorgau.matching.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qorgau.support.HostilePhotos;

class PhotoDecoderTest {

    private final PhotoDecoder decoder = PhotoDecoder.withDefaults();

    private PhotoRejected.Reason rejection(byte[] bytes) {
        return assertThrows(PhotoRejected.class, () -> decoder.hash(bytes)).reason();
    }

    @Test
    void shouldRefuseWhatIsNotAnImage() {
        assertEquals(PhotoRejected.Reason.NOT_AN_IMAGE, rejection(HostilePhotos.notAnImage()));
        assertEquals(PhotoRejected.Reason.NOT_AN_IMAGE, rejection(new byte[0]));
        assertEquals(PhotoRejected.Reason.NOT_AN_IMAGE, rejection(HostilePhotos.gif()));
    }

    @Test
    void shouldRefuseATruncatedJpeg() {
        assertEquals(PhotoRejected.Reason.CORRUPT, rejection(HostilePhotos.truncatedJpeg()));
    }

    @Test
    void shouldRefuseAOnePixelImage() {
        assertEquals(PhotoRejected.Reason.TOO_SMALL, rejection(HostilePhotos.onePixelPng()));
    }

    @Test
    void shouldRefuseDecompressionBombsFromTheirHeaderBeforeDecoding() {
        // each declares 900 megapixels (2.7 GB of RGB) in a few hundred bytes; a decode would exhaust the heap
        PhotoRejected png = assertThrows(PhotoRejected.class, () -> decoder.hash(HostilePhotos.pngBomb()));
        assertEquals(PhotoRejected.Reason.TOO_MANY_PIXELS, png.reason());
        assertTrue(png.getMessage().contains("30000×30000"), png.getMessage());
        assertEquals(PhotoRejected.Reason.TOO_MANY_PIXELS, rejection(HostilePhotos.jpegBomb()));
    }

    @Test
    void shouldIgnoreAHugeExifBlockAndHashThePicture() throws Exception {
        PdqResult plain = decoder.hash(HostilePhotos.smallJpeg());
        PdqResult withExif = decoder.hash(HostilePhotos.hugeExifJpeg(100)); // 6.5 MB of APP1 segments
        assertEquals(plain, withExif);
    }

    @Test
    void shouldRefuseCorruptBytesBehindAValidSignatureAsCorruptNeverAsACrash() {
        byte[] jpeg = HostilePhotos.smallJpeg().clone();
        for (int i = 600; i < jpeg.length - 2; i += 7) {
            jpeg[i] = (byte) 0xFF; // markers sprinkled through the entropy-coded data
        }
        // either refused as corrupt or decoded as a damaged picture: never an unchecked exception
        try {
            decoder.hash(jpeg);
        } catch (PhotoRejected e) {
            assertEquals(PhotoRejected.Reason.CORRUPT, e.reason());
        }
        byte[] png = HostilePhotos.pattern(1, "png");
        for (int i = 60; i < png.length; i += 5) {
            png[i] ^= 0x5A;
        }
        assertEquals(PhotoRejected.Reason.CORRUPT, rejection(png));
    }

    @Test
    void shouldDecodeAtReducedResolutionWithinAFewBitsOfTheFullDecode() throws Exception {
        byte[] photo = HostilePhotos.bridgeJpeg();
        PhotoDecoder full = new PhotoDecoder(50_000_000L, 16, 0);
        PhotoDecoder reduced = new PhotoDecoder(50_000_000L, 16, 200); // 1004 / 400 → every 2nd pixel
        int d = PdqHasher.distance(full.hash(photo).hash(), reduced.hash(photo).hash());
        assertTrue(d <= 10, "reduced decoding moved the hash by " + d + " bits");
        assertEquals(800, reduced.decode(photo).luma().width());
    }

    @Test
    void shouldReadExifOrientationDefensively() {
        assertEquals(1, ExifOrientation.ofJpeg(new byte[0]));
        assertEquals(1, ExifOrientation.ofJpeg(HostilePhotos.notAnImage()));
        assertEquals(1, ExifOrientation.ofJpeg(HostilePhotos.hugeExifJpeg(2))); // "MM*" with no IFD: as stored
        byte[] truncated = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F, 0x7F, 'E', 'x'};
        assertEquals(1, ExifOrientation.ofJpeg(truncated));
        // an IFD offset pointing past the block, and a tag of a wrong type
        assertEquals(
                1, ExifOrientation.ofTiff("MM\0*\u007f\u007f\u007f\u007f".getBytes(StandardCharsets.ISO_8859_1), 0, 8));
        byte[] wrongType = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 4, 0, 1, 0, 0, 0, 6, 0, 0, 0};
        assertEquals(1, ExifOrientation.ofTiff(wrongType, 0, wrongType.length));
        byte[] six = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0};
        assertEquals(6, ExifOrientation.ofTiff(six, 0, six.length));
    }
}
