package org.qorgau.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real Latin ↔ Russian renderings of name tokens (the Wikidata file {@code wd_russian_80.tsv}: {@code latin<TAB>с л о
 * в о<TAB>count}) and the project's own deterministic split of it, by Latin token: a token whose hash falls in the
 * held-out fifth is used only for measuring, never for learning ({@link #heldOut}). A Latin token occurs once in the
 * file, so no token is on both sides.
 *
 * <p>The file is read from a path given on the command line; the project never reads it at build, test or run time.
 */
public final class RealNames {

    /** One rendering: the Latin token, its Russian Cyrillic form and how many Wikidata people bear the pairing. */
    public record Rendering(String latin, String cyrillic, int count) {}

    private RealNames() {}

    /** Reads the file; malformed lines are skipped. */
    public static List<Rendering> read(Path tsv) {
        List<Rendering> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length < 2 || f[0].isBlank()) {
                    continue;
                }
                int count = f.length > 2 ? Integer.parseInt(f[2].trim()) : 1;
                out.add(new Rendering(f[0].trim(), f[1].replace(" ", "").trim(), count));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Whether a Latin token belongs to the held-out fifth: FNV-1a (32-bit) of its UTF-8 bytes, modulo 5, equals 0. A
     * pure function of the token, so the split is the same on every machine and in every run.
     */
    public static boolean heldOut(String latin) {
        return fold(latin) == 0;
    }

    /**
     * The token's fifth: FNV-1a (32-bit) of its UTF-8 bytes, modulo 5. Fifth 0 is held out; the others are for
     * learning, and one of them can be set aside as a development fifth for tuning ({@link #fold(List, int)}).
     */
    public static int fold(String latin) {
        int h = 0x811c9dc5;
        for (byte b : latin.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return Integer.remainderUnsigned(h, 5);
    }

    /** The renderings of one fifth. */
    public static List<Rendering> fold(List<Rendering> all, int fold) {
        return all.stream().filter(r -> fold(r.latin()) == fold).toList();
    }

    /** The development part without one more fifth (set aside for tuning); {@code exclude <= 0} excludes nothing more. */
    public static List<Rendering> dev(List<Rendering> all, int exclude) {
        return all.stream()
                .filter(r -> !heldOut(r.latin()) && fold(r.latin()) != exclude)
                .toList();
    }

    /** The development (learning) part: tokens not held out. */
    public static List<Rendering> dev(List<Rendering> all) {
        return all.stream().filter(r -> !heldOut(r.latin())).toList();
    }

    /** The held-out (measuring) part. */
    public static List<Rendering> heldOut(List<Rendering> all) {
        return all.stream().filter(r -> heldOut(r.latin())).toList();
    }
}
