package org.qorgau.matching.photo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code scripts/pdq-hash IMAGE...}: prints {@code <hash> <quality> <file>} per photo, computed on this machine with the
 * service's own hasher, so an organisation can send Qorgau only the hash. Exit status 1 when any photo was refused.
 */
public final class PdqHashCommand {

    private PdqHashCommand() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: scripts/pdq-hash IMAGE...   (JPEG, PNG or WebP; prints hash, quality, file)");
            System.exit(2);
        }
        PhotoDecoder decoder = PhotoDecoder.withDefaults();
        int refused = 0;
        for (String arg : args) {
            try {
                PdqResult r = decoder.hash(Files.readAllBytes(Path.of(arg)));
                System.out.println(r.hash() + " " + r.quality() + " " + arg
                        + (r.useful() ? "" : "   (quality below " + PdqHasher.MIN_USEFUL_QUALITY + ": not evidence)"));
            } catch (PhotoRejected e) {
                System.err.println(arg + ": " + e.getMessage());
                refused++;
            } catch (java.io.IOException e) {
                System.err.println(arg + ": cannot be read");
                refused++;
            }
        }
        System.exit(refused == 0 ? 0 : 1);
    }
}
