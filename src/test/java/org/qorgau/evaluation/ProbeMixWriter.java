package org.qorgau.evaluation;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Writes a load-test probe mix as {@code POST /v1/checks} bodies, one JSON object per line (for wrk or k6): 70 % people
 * who are not registered, 30 % variants of registered people, shuffled.
 *
 * <pre>scripts/generate-probes N out.ndjson [registrySize=1000000] [registrySeed] [probeSeed] [labels.tsv]</pre>
 *
 * The registry must be the one {@code scripts/generate-registry} wrote with the same size and seed. Registered variants
 * are drawn from a reservoir sample of 20,000 registry people; the not-registered guard sees the whole registry.
 * The optional labels file has one {@code line<TAB>expectedId or -<TAB>variant} row per body.
 */
public final class ProbeMixWriter {

    static final double REGISTERED_SHARE = 0.30;
    private static final int SAMPLE = 20_000;

    private ProbeMixWriter() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println(
                    "usage: generate-probes N out.ndjson [registrySize] [registrySeed] [probeSeed] [labels]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0].replace("_", ""));
        Path out = Path.of(args[1]);
        int registrySize = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 1_000_000;
        long registrySeed = args.length > 3 ? Long.parseLong(args[3]) : KazakhRussianGenerator.DEFAULT_SEED;
        long probeSeed = args.length > 4 ? Long.parseLong(args[4]) : ProbeGenerator.DEFAULT_SEED;
        List<LabelledProbe> mix = mix(n, registrySize, registrySeed, probeSeed);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            writeBodies(mix, os);
        }
        if (args.length > 5) {
            try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8)) {
                for (int i = 0; i < mix.size(); i++) {
                    LabelledProbe p = mix.get(i);
                    w.write((i + 1) + "\t" + (p.expectedId() == null ? "-" : p.expectedId()) + "\t" + p.variant()
                            + "\n");
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "wrote %d check bodies (%.0f %% registered variants) for a %d-entry registry to %s%n",
                mix.size(),
                100.0 * mix.stream().filter(LabelledProbe::registered).count() / mix.size(),
                registrySize,
                out);
    }

    /** {@code n} shuffled probes, 30 % registered variants and 70 % not registered. */
    static List<LabelledProbe> mix(int n, int registrySize, long registrySeed, long probeSeed) {
        RegistryGuard guard = new RegistryGuard();
        List<SyntheticPerson> sample = new ArrayList<>(Math.min(SAMPLE, registrySize));
        SplittableRandom reservoir = new SplittableRandom(probeSeed ^ 0x5DEECE66DL);
        Iterator<SyntheticPerson> it =
                new KazakhRussianGenerator(registrySeed).people(registrySize).iterator();
        for (int i = 0; it.hasNext(); i++) {
            SyntheticPerson p = it.next();
            guard.add(p);
            if (sample.size() < SAMPLE) {
                sample.add(p);
            } else {
                int j = reservoir.nextInt(i + 1);
                if (j < SAMPLE) {
                    sample.set(j, p);
                }
            }
        }
        return mix(n, new ProbeGenerator(sample, guard, probeSeed), probeSeed);
    }

    static List<LabelledProbe> mix(int n, ProbeGenerator generator, long seed) {
        int registered = (int) Math.round(n * REGISTERED_SHARE);
        int perVariant = (registered + generator.variantNames().size() - 1)
                / generator.variantNames().size();
        int perKind = (n - registered + ProbeGenerator.NOT_REGISTERED_KINDS.size() - 1)
                / ProbeGenerator.NOT_REGISTERED_KINDS.size();
        List<LabelledProbe> all = generator.generate(perVariant, perKind);
        List<LabelledProbe> yes = new ArrayList<>();
        List<LabelledProbe> no = new ArrayList<>();
        for (LabelledProbe p : all) {
            (p.registered() ? yes : no).add(p);
        }
        Random shuffle = new Random(seed);
        Collections.shuffle(yes, shuffle);
        Collections.shuffle(no, shuffle);
        List<LabelledProbe> out = new ArrayList<>(n);
        out.addAll(yes.subList(0, Math.min(registered, yes.size())));
        out.addAll(no.subList(0, Math.min(n - out.size(), no.size())));
        Collections.shuffle(out, shuffle);
        return out;
    }

    static void writeBodies(List<LabelledProbe> mix, OutputStream os) throws IOException {
        JsonGenerator json = new JsonFactory()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(os, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
        int i = 0;
        for (LabelledProbe p : mix) {
            json.writeStartObject();
            json.writeObjectFieldStart("candidate");
            json.writeStringField("fullName", p.probe().fullName());
            json.writeStringField("dateOfBirth", p.probe().dateOfBirth());
            if (p.probe().photoHash() != null) {
                json.writeStringField("photoHash", p.probe().photoHash());
            }
            json.writeEndObject();
            json.writeStringField("purpose", "EMPLOYMENT");
            json.writeStringField("consentReference", String.format(Locale.ROOT, "LOAD-CONSENT-%07d", ++i));
            json.writeEndObject();
            json.writeRaw('\n');
        }
        json.flush();
    }
}
