package org.qorgau.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a synthetic registry as NDJSON registry-import lines ({@code POST /v1/registry/imports}).
 *
 * <pre>scripts/generate-registry N out.ndjson [seed]</pre>
 *
 * Streams: memory stays bounded for 1,000,000 entries (about 265 MB of NDJSON). Seed defaults to
 * {@value KazakhRussianGenerator#DEFAULT_SEED}; the first k entries of any size are the same k people.
 */
public final class RegistryGeneratorMain {

    private RegistryGeneratorMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: generate-registry N out.ndjson [seed]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0].replace("_", ""));
        Path out = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : KazakhRussianGenerator.DEFAULT_SEED;
        long start = System.nanoTime();
        try (OutputStream os = Files.newOutputStream(out)) {
            new KazakhRussianGenerator(seed).writeNdjson(n, os);
        }
        System.out.printf(
                Locale.ROOT,
                "wrote %d registry entries (seed %d) to %s: %.1f MB in %.1f s%n",
                n,
                seed,
                out,
                Files.size(out) / 1e6,
                (System.nanoTime() - start) / 1e9);
    }
}
