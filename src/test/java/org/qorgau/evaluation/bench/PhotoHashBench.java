package org.qorgau.evaluation.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.qorgau.matching.photo.PdqHasher;
import org.qorgau.matching.photo.PdqResult;
import org.qorgau.matching.photo.PhotoDecoder;

/**
 * Photo hashing speed, one thread: {@code scripts/bench-photo IMAGE [ROUNDS]}. Times the decode (bytes in memory to
 * luminance, EXIF orientation read) and the hash (reduction, filter, DCT, quality) separately, after a warm-up, and
 * prints p50/p90/max of each and of the sum. Run it on an idle machine with {@code taskset -c 0} for one core.
 */
public final class PhotoHashBench {

    private PhotoHashBench() {}

    public static void main(String[] args) throws Exception {
        byte[] photo = Files.readAllBytes(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        PhotoDecoder decoder = PhotoDecoder.withDefaults();
        PdqHasher hasher = new PdqHasher();
        PhotoDecoder.Decoded first = decoder.decode(photo);
        System.out.printf(
                "%s: %d bytes, %dx%d %s, decoded at %dx%d%n",
                args[0],
                photo.length,
                first.width(),
                first.height(),
                first.format(),
                first.luma().width(),
                first.luma().height());
        for (int i = 0; i < 10; i++) { // warm-up
            hasher.hash(decoder.decode(photo).luma());
        }
        long[] decode = new long[rounds];
        long[] hash = new long[rounds];
        long[] total = new long[rounds];
        PdqResult result = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            PhotoDecoder.Decoded d = decoder.decode(photo);
            long t1 = System.nanoTime();
            result = hasher.hash(d.luma(), d.orientation());
            long t2 = System.nanoTime();
            decode[i] = t1 - t0;
            hash[i] = t2 - t1;
            total[i] = t2 - t0;
        }
        System.out.println("hash " + result.hash() + " quality " + result.quality());
        print("decode", decode);
        print("hash  ", hash);
        print("total ", total);
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(
                "%s p50 %.1f ms  p90 %.1f ms  max %.1f ms  (%d runs)%n",
                what, s[s.length / 2] / 1e6, s[(int) (s.length * 0.9)] / 1e6, s[s.length - 1] / 1e6, s.length);
    }
}
