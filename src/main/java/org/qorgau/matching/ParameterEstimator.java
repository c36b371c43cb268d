package org.qorgau.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Re-estimates the name and date-of-birth m/u probabilities from labelled record pairs and writes a new parameters
 * file, keeping every other key, all comments and the file's layout.
 *
 * <p>Labelled data: FEBRL files ({@code rec_id, given_name, surname, ..., date_of_birth, soc_sec_id}, fields separated
 * by {@code ", "}; records {@code rec-N-org} and {@code rec-N-dup-k} with the same N are one person). True pairs are
 * all pairs of records of one person (within and across the given files); non-pairs are a seeded random sample of
 * records of different people. Each level's m is {@code (count + k * m0) / (pairs + k)}, its u likewise over
 * non-pairs, where {@code m0}/{@code u0} are the values in the input parameters and {@code k} the prior strength. A
 * level observed fewer than {@value #MIN_COUNT} times keeps its prior value: the FEBRL names are English, so the
 * transliteration levels hardly occur there, and the tiny u of an exact name cannot be measured from a sample of random
 * pairs (term frequencies replace it at run time anyway).
 *
 * <p>Re-run (writes {@code src/main/resources/matching/parameters.properties}; {@code --in} defaults to the classpath
 * parameters):
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=org.qorgau.matching.ParameterEstimator \
 *   -Dexec.args="--out src/main/resources/matching/parameters.properties --id febrl-2026-11-25 \
 *   ../shared/data/febrl/dataset3.csv ../shared/data/febrl/dataset4a.csv ../shared/data/febrl/dataset4b.csv"
 * </pre>
 *
 * <p>Options: {@code --in FILE} starting parameters, {@code --out FILE} (required), {@code --id ID} new
 * {@code params.id}, {@code --prior-strength K} (default 200), {@code --non-pairs N} (default 500000), {@code --seed S}.
 */
public final class ParameterEstimator {

    /** One labelled record. */
    record LabelledRecord(String entity, String name, int dob) {}

    private ParameterEstimator() {}

    public static void main(String[] args) throws IOException {
        Path in = null;
        Path out = null;
        String id = null;
        double k = 200;
        int nonPairs = 500_000;
        long seed = 20261125L;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--in":
                    in = Path.of(args[++i]);
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--id":
                    id = args[++i];
                    break;
                case "--prior-strength":
                    k = Double.parseDouble(args[++i]);
                    break;
                case "--non-pairs":
                    nonPairs = Integer.parseInt(args[++i]);
                    break;
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                default:
                    files.add(Path.of(args[i]));
            }
        }
        if (out == null || files.isEmpty()) {
            System.err.println("usage: ParameterEstimator [--in FILE] --out FILE [--id ID] FEBRL.csv...");
            System.exit(2);
        }
        MatchingParameters prior = in == null ? MatchingParameters.loadDefault() : MatchingParameters.load(in);
        String template = in == null ? defaultText() : Files.readString(in, StandardCharsets.UTF_8);
        List<LabelledRecord> records = new ArrayList<>();
        for (Path f : files) {
            records.addAll(readFebrl(f));
        }
        Map<String, String> estimates = estimate(records, prior, k, nonPairs, seed);
        if (id != null) {
            estimates.put("params.id", id);
        }
        Files.writeString(out, rewrite(template, estimates), StandardCharsets.UTF_8);
        estimates.forEach((key, v) -> System.out.println(key + "=" + v));
    }

    /** Reads a FEBRL CSV file. */
    static List<LabelledRecord> readFebrl(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<LabelledRecord> out = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length < 10) {
                    continue;
                }
                String recId = f[0].trim();
                String[] parts = recId.split("-");
                String entity = parts.length > 1 ? parts[1] : recId;
                String name = (f[1].trim() + " " + f[2].trim()).trim();
                out.add(new LabelledRecord(entity, name, DateOfBirth.parse(f[9].trim())));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts levels over true pairs and sampled non-pairs and returns the new m/u values by key. */
    static Map<String, String> estimate(
            List<LabelledRecord> records, MatchingParameters prior, double k, int nonPairs, long seed) {
        NameComparator names = new NameComparator(prior);
        Map<String, ParsedName> parsed = new HashMap<>();
        Function<String, ParsedName> parse = n -> parsed.computeIfAbsent(n, ParsedName::parse);
        Map<String, List<LabelledRecord>> byEntity = new HashMap<>();
        for (LabelledRecord r : records) {
            byEntity.computeIfAbsent(r.entity(), x -> new ArrayList<>()).add(r);
        }
        EnumMap<NameLevel, Integer> nameM = new EnumMap<>(NameLevel.class);
        EnumMap<DateLevel, Integer> dateM = new EnumMap<>(DateLevel.class);
        int pairs = 0;
        for (List<LabelledRecord> group : byEntity.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    LabelledRecord a = group.get(i);
                    LabelledRecord b = group.get(j);
                    nameM.merge(
                            names.compare(parse.apply(a.name()), parse.apply(b.name()))
                                    .level(),
                            1,
                            Integer::sum);
                    dateM.merge(DateComparator.level(a.dob(), b.dob()), 1, Integer::sum);
                    pairs++;
                }
            }
        }
        EnumMap<NameLevel, Integer> nameU = new EnumMap<>(NameLevel.class);
        EnumMap<DateLevel, Integer> dateU = new EnumMap<>(DateLevel.class);
        Random random = new Random(seed);
        int sampled = 0;
        Set<Long> seen = new HashSet<>();
        while (sampled < nonPairs && records.size() > 1) {
            int i = random.nextInt(records.size());
            int j = random.nextInt(records.size());
            LabelledRecord a = records.get(i);
            LabelledRecord b = records.get(j);
            if (i == j || a.entity().equals(b.entity()) || !seen.add(Math.min(i, j) * 1_000_003L + Math.max(i, j))) {
                if (seen.size() > 4L * nonPairs) {
                    break;
                }
                continue;
            }
            nameU.merge(
                    names.compare(parse.apply(a.name()), parse.apply(b.name())).level(), 1, Integer::sum);
            dateU.merge(DateComparator.level(a.dob(), b.dob()), 1, Integer::sum);
            sampled++;
        }
        System.err.printf(Locale.ROOT, "%d records, %d true pairs, %d non-pairs%n", records.size(), pairs, sampled);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (NameLevel l : NameLevel.values()) {
            out.put("name.m." + l, fmt(smooth(nameM.getOrDefault(l, 0), pairs, prior.m("name", l.name()), k)));
            out.put("name.u." + l, fmt(smooth(nameU.getOrDefault(l, 0), sampled, prior.u("name", l.name()), k)));
        }
        for (DateLevel l : DateLevel.values()) {
            if (l == DateLevel.MISSING) {
                continue; // no evidence by definition: m = u = 1
            }
            out.put(
                    "dateOfBirth.m." + l,
                    fmt(smooth(dateM.getOrDefault(l, 0), pairs, prior.m("dateOfBirth", l.name()), k)));
            out.put(
                    "dateOfBirth.u." + l,
                    fmt(smooth(dateU.getOrDefault(l, 0), sampled, prior.u("dateOfBirth", l.name()), k)));
        }
        return out;
    }

    /** Fewer observations than this and a level keeps its prior value: it cannot be measured from these data. */
    static final int MIN_COUNT = 20;

    static double smooth(int count, int total, double prior, double k) {
        if (count < MIN_COUNT) {
            return prior;
        }
        return (count + k * prior) / (total + k);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Replaces the values of the given keys in a properties text, keeping comments and order. */
    static String rewrite(String template, Map<String, String> values) {
        StringBuilder sb = new StringBuilder(template.length());
        Set<String> done = new HashSet<>();
        for (String line : template.replaceAll("\n+$", "").split("\n", -1)) {
            int eq = line.indexOf('=');
            String key = eq > 0 && !line.startsWith("#") ? line.substring(0, eq).trim() : null;
            if (key != null && values.containsKey(key)) {
                sb.append(key).append('=').append(values.get(key)).append('\n');
                done.add(key);
            } else {
                sb.append(line).append('\n');
            }
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!done.contains(e.getKey())) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
        }
        return sb.toString().replaceAll("\n+$", "\n");
    }

    private static String defaultText() throws IOException {
        try (var stream =
                ParameterEstimator.class.getClassLoader().getResourceAsStream(MatchingParameters.DEFAULT_RESOURCE)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
