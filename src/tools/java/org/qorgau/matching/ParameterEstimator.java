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
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.qorgau.matching.ParameterEstimator \
 *   -Dexec.args="--out src/main/resources/matching/parameters.properties --id febrl-2026-11-25 \
 *   src/test/resources/reference/febrl/dataset3.csv src/test/resources/reference/febrl/dataset4a.csv \
 *   src/test/resources/reference/febrl/dataset4b.csv"
 * </pre>
 *
 * <p>Second source of labelled data: {@link LabelledProbes} compares labelled probes (registered variants with their
 * registry id, and people who are not registered) with a registry through the engine's own comparators and candidate
 * index, counts levels over matched pairs (probe vs its own entry) and unmatched pairs (probe vs random entries, or vs
 * the index's other candidates), gives add-one smoothed m/u ({@link #laplaceEstimates}) and chooses the verdict
 * thresholds ({@link LabelledProbes#chooseThresholds}). The Kazakh/Russian training run is the test-scope main
 * {@code org.qorgau.evaluation.EstimateParameters} ({@code scripts/estimate-parameters}).
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

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Replaces the values of the given keys in a properties text, keeping comments and order. */
    public static String rewrite(String template, Map<String, String> values) {
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

    // ---- Labelled probes against a registry (the Kazakh/Russian training set) ----------------------------------

    /** Level counts of one field over a set of pairs. */
    public static final class LevelCounts<L extends Enum<L>> {
        private final EnumMap<L, Integer> counts;
        private int total;

        LevelCounts(Class<L> type) {
            this.counts = new EnumMap<>(type);
        }

        void add(L level) {
            counts.merge(level, 1, Integer::sum);
            total++;
        }

        public int count(L level) {
            return counts.getOrDefault(level, 0);
        }

        public int total() {
            return total;
        }

        /** Add-one (Laplace) smoothed probability of a level among {@code levels} possible outcomes. */
        public double laplace(L level, int levels) {
            return (count(level) + 1.0) / (total + levels);
        }

        @Override
        public String toString() {
            return counts + " of " + total;
        }
    }

    /** Name, date and photo level counts over one kind of pair (matched, or unmatched). */
    public static final class PairCounts {
        public final LevelCounts<NameLevel> name = new LevelCounts<>(NameLevel.class);
        /** Only pairs where both dates are usable (MISSING has m = u = 1 by definition). */
        public final LevelCounts<DateLevel> date = new LevelCounts<>(DateLevel.class);
        /** Only pairs where both sides have a photo; NO_EVIDENCE is "farther than the last band". */
        public final LevelCounts<PhotoLevel> photo = new LevelCounts<>(PhotoLevel.class);

        void add(NameLevel n, DateLevel d, PhotoLevel p) {
            name.add(n);
            if (d != DateLevel.MISSING) {
                date.add(d);
            }
            if (p != null) {
                photo.add(p);
            }
        }

        @Override
        public String toString() {
            return "name " + name + "; dateOfBirth " + date + "; photo " + photo;
        }
    }

    /**
     * Registered and not-registered probes compared with a registry by the engine's own comparators and candidate
     * index. {@code expectedIds.get(i)} is the registry id probe {@code i} is a variant of, or {@code null}.
     */
    public static final class LabelledProbes {
        private final MatchingParameters parameters;
        private final FellegiSunterMatcherFactory.Packed registry;
        private final List<ParsedName> names = new ArrayList<>();
        private final List<Integer> dobs = new ArrayList<>();
        private final List<long[]> photos = new ArrayList<>();
        private final List<int[]> candidates = new ArrayList<>();
        private final List<Integer> truth = new ArrayList<>();
        /** Registered probe vs its true registry entry. */
        public final PairCounts matched = new PairCounts();
        /** Probe vs every other candidate the index returns (non-matches that survive blocking). */
        public final PairCounts blocked = new PairCounts();
        /** Probe vs randomly drawn registry entries other than its own. */
        public final PairCounts random = new PairCounts();

        public LabelledProbes(
                MatchingParameters parameters,
                List<RegistryPerson> registry,
                List<Probe> probes,
                List<String> expectedIds,
                int randomPerProbe,
                long seed) {
            this.parameters = parameters;
            this.registry =
                    FellegiSunterMatcherFactory.withParameters(parameters).pack(registry);
            Map<String, Integer> entryOf = new HashMap<>();
            for (int e = 0; e < this.registry.ids().length; e++) {
                entryOf.put(this.registry.ids()[e], e);
            }
            NameComparator nc = new NameComparator(parameters);
            PhotoComparator pc = new PhotoComparator(parameters);
            Random rnd = new Random(seed);
            int n = this.registry.ids().length;
            for (int i = 0; i < probes.size(); i++) {
                Probe probe = probes.get(i);
                ParsedName name = ParsedName.parse(probe.fullName());
                int dob = DateOfBirth.parse(probe.dateOfBirth());
                long[] photo = PhotoHash.parse(probe.photoHash());
                int[] cands = this.registry.index().candidates(name, dob, photo);
                String expected = expectedIds.get(i);
                int own = expected == null ? -1 : entryOf.getOrDefault(expected, -1);
                if (expected != null && own < 0) {
                    throw new IllegalArgumentException("expected id not in the registry: " + expected);
                }
                names.add(name);
                dobs.add(dob);
                photos.add(photo);
                candidates.add(cands);
                truth.add(own);
                if (own >= 0) {
                    compare(nc, pc, name, dob, photo, own, matched);
                }
                for (int e : cands) {
                    if (e != own) {
                        compare(nc, pc, name, dob, photo, e, blocked);
                    }
                }
                for (int r = 0; r < randomPerProbe && n > 1; r++) {
                    int e = rnd.nextInt(n);
                    if (e != own) {
                        compare(nc, pc, name, dob, photo, e, random);
                    }
                }
            }
        }

        private void compare(
                NameComparator nc, PhotoComparator pc, ParsedName name, int dob, long[] photo, int e, PairCounts out) {
            NameLevel n = nc.compareBest(name, registry.forms()[e]).level();
            DateLevel d = DateComparator.level(dob, registry.dobs()[e]);
            PhotoLevel p = null;
            int from = registry.photoStart()[e];
            int to = registry.photoStart()[e + 1];
            if (photo != null && to > from) {
                int best = Integer.MAX_VALUE;
                for (int h = from; h < to; h++) {
                    best = Math.min(best, PhotoHash.distance(photo, 0, registry.photoBits(), h * 4));
                }
                p = pc.level(best);
            }
            out.add(n, d, p);
        }

        public int size() {
            return names.size();
        }

        /**
         * Scores every probe's index candidates with {@code p} (its m/u; its thresholds are ignored) and returns the
         * lowest thresholds (on a grid of {@code step}) that keep the false MATCH and false POSSIBLE_MATCH rates of the
         * not-registered probes at or below the given rates, with the recall they give on the registered probes.
         */
        public Thresholds chooseThresholds(
                MatchingParameters p, double maxFalseMatch, double maxFalsePossible, double step, double floor) {
            return chooseThresholds(p, maxFalseMatch, maxFalsePossible, step, floor, floor);
        }

        /** As above, with the MATCH threshold at least {@code matchFloor}. */
        public Thresholds chooseThresholds(
                MatchingParameters p,
                double maxFalseMatch,
                double maxFalsePossible,
                double step,
                double floor,
                double matchFloor) {
            FellegiSunterScorer scorer = new FellegiSunterScorer(p);
            int size = size();
            double[] probeMatch = new double[size]; // highest MATCH threshold any wrong candidate still reaches
            double[] probePossible = new double[size]; // likewise for POSSIBLE_MATCH via the POSSIBLE rules
            double[] ownMatch = new double[size];
            double[] ownPossible = new double[size];
            java.util.Arrays.fill(ownMatch, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(ownPossible, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < size; i++) {
                double bestMatch = Double.NEGATIVE_INFINITY;
                double bestPossible = Double.NEGATIVE_INFINITY;
                Map<NameToken, NameComparator.TokenLevel[]> cache = new java.util.IdentityHashMap<>();
                for (int e : candidates.get(i)) {
                    Match m = scorer.score(
                            false,
                            registry.ids()[e],
                            names.get(i),
                            dobs.get(i),
                            photos.get(i),
                            registry.forms()[e],
                            registry.dobs()[e],
                            registry.photoBits(),
                            registry.photoStart()[e],
                            registry.photoStart()[e + 1],
                            registry.tf(),
                            cache);
                    NameLevel nl = NameLevel.valueOf(m.explanation().get(0).level());
                    DateLevel dl = DateLevel.valueOf(m.explanation().get(1).level());
                    PhotoLevel pl = m.explanation().size() > 2
                            ? PhotoLevel.valueOf(m.explanation().get(2).level())
                            : PhotoLevel.NO_EVIDENCE;
                    double w = m.matchWeight();
                    double[] t = reach(nl, dl, pl, w);
                    boolean commonName = Boolean.parseBoolean(p.getString("name.tf.enabled"))
                            && (nl == NameLevel.EXACT
                                    || nl == NameLevel.TRANSLITERATION_EQUAL
                                    || nl == NameLevel.TOKEN_SUBSET)
                            && m.explanation().get(0).weight()
                                    <= Math.round(log2(p.m("name", nl.name()) / p.get("name.tf.maxU")) * 1000) / 1000.0
                                            + 1e-9;
                    if (!pl.nearDuplicate()
                            && (DateOfBirth.day(dobs.get(i)) == 0
                                    || DateOfBirth.day(registry.dobs()[e]) == 0
                                    || (commonName && dl != DateLevel.EXACT))) {
                        // A partial date on either side, or a date error on a common name, caps the verdict at
                        // POSSIBLE_MATCH (FellegiSunterScorer.score).
                        t[1] = Math.max(t[1], t[0]);
                        t[0] = Double.NEGATIVE_INFINITY;
                    }
                    if (e == truth.get(i)) {
                        ownMatch[i] = t[0];
                        ownPossible[i] = t[1];
                    } else {
                        bestMatch = Math.max(bestMatch, t[0]);
                        bestPossible = Math.max(bestPossible, t[1]);
                    }
                }
                probeMatch[i] = bestMatch;
                probePossible[i] = bestPossible;
            }
            List<Integer> negatives = new ArrayList<>();
            List<Integer> positives = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                (truth.get(i) < 0 ? negatives : positives).add(i);
            }
            // MATCH: the lowest grid threshold above the weights of all but the allowed number of false MATCHes.
            double match = lowestAbove(
                    negatives.stream().mapToDouble(i -> probeMatch[i]).toArray(),
                    (int) Math.floor(maxFalseMatch * negatives.size()),
                    step,
                    Math.max(floor, matchFloor));
            double[] possibleOnly = negatives.stream()
                    .mapToDouble(i -> probeMatch[i] >= match ? Double.NEGATIVE_INFINITY : probePossible[i])
                    .toArray();
            double possible =
                    lowestAbove(possibleOnly, (int) Math.floor(maxFalsePossible * negatives.size()), step, floor);
            int falseMatch = 0;
            int falsePossible = 0;
            for (int i : negatives) {
                if (probeMatch[i] >= match) {
                    falseMatch++;
                } else if (probePossible[i] >= possible) {
                    falsePossible++;
                }
            }
            int found = 0;
            int unreachable = 0;
            for (int i : positives) {
                if (ownMatch[i] >= match || ownPossible[i] >= possible) {
                    found++;
                } else if (ownMatch[i] == Double.NEGATIVE_INFINITY && ownPossible[i] == Double.NEGATIVE_INFINITY) {
                    unreachable++;
                }
            }
            return new Thresholds(
                    match, possible, positives.size(), found, unreachable, negatives.size(), falseMatch, falsePossible);
        }

        /**
         * {highest MATCH threshold at which this pair is still a MATCH, highest POSSIBLE threshold at which it is still
         * at least a POSSIBLE_MATCH through the POSSIBLE rules}: +inf when a hard rule decides whatever the threshold,
         * -inf when no threshold gives that verdict.
         */
        private static double[] reach(NameLevel n, DateLevel d, PhotoLevel p, double w) {
            double inf = Double.POSITIVE_INFINITY;
            double ninf = Double.NEGATIVE_INFINITY;
            Verdict always = FellegiSunterScorer.decide(n, d, p, w, inf, inf);
            if (always == Verdict.MATCH) {
                return new double[] {inf, inf};
            }
            double matchReach = FellegiSunterScorer.decide(n, d, p, w, w, inf) == Verdict.MATCH ? w : ninf;
            double possibleReach = always == Verdict.POSSIBLE_MATCH
                    ? inf
                    : FellegiSunterScorer.decide(n, d, p, w, inf, w) == Verdict.POSSIBLE_MATCH ? w : ninf;
            return new double[] {matchReach, possibleReach};
        }

        /** The lowest multiple of {@code step}, at least {@code floor}, above all but {@code allowed} values. */
        private static double lowestAbove(double[] values, int allowed, double step, double floor) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted); // ascending
            if (allowed >= sorted.length) {
                return floor;
            }
            double v = sorted[sorted.length - 1 - allowed];
            if (v == Double.NEGATIVE_INFINITY) {
                return floor;
            }
            if (v == Double.POSITIVE_INFINITY) {
                throw new IllegalStateException("hard rules alone exceed the allowed false rate");
            }
            double t = Math.floor(v / step) * step + step; // strictly above v
            return Math.max(floor, t);
        }
    }

    /** Chosen thresholds and what they give on the training probes. */
    public record Thresholds(
            double match,
            double possible,
            int registered,
            int found,
            int unreachable,
            int notRegistered,
            int falseMatch,
            int falsePossible) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "match %.2f, possible %.2f: recall %d/%d = %.2f %% (%d misses no threshold could find: not a"
                            + " candidate, names disagree or the date contradicts), false MATCH %d/%d = %.3f %%,"
                            + " false POSSIBLE %d/%d = %.3f %%",
                    match,
                    possible,
                    found,
                    registered,
                    100.0 * found / registered,
                    unreachable,
                    falseMatch,
                    notRegistered,
                    100.0 * falseMatch / notRegistered,
                    falsePossible,
                    notRegistered,
                    100.0 * falsePossible / notRegistered);
        }
    }

    /**
     * m from {@code matched}, u from {@code unmatched}, each with add-one smoothing over the field's levels; keys as
     * in the parameters file. Photo: levels are the bands plus "farther" (no evidence).
     */
    public static Map<String, String> laplaceEstimates(PairCounts matched, PairCounts unmatched) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        int nameLevels = NameLevel.values().length;
        for (NameLevel l : NameLevel.values()) {
            out.put("name.m." + l, fmt(matched.name.laplace(l, nameLevels)));
            out.put("name.u." + l, fmt(unmatched.name.laplace(l, nameLevels)));
        }
        int dateLevels = DateLevel.values().length - 1; // without MISSING
        for (DateLevel l : DateLevel.values()) {
            if (l != DateLevel.MISSING) {
                out.put("dateOfBirth.m." + l, fmt(matched.date.laplace(l, dateLevels)));
                out.put("dateOfBirth.u." + l, fmt(unmatched.date.laplace(l, dateLevels)));
            }
        }
        int photoLevels = PhotoLevel.values().length;
        for (PhotoLevel l : PhotoLevel.values()) {
            if (l != PhotoLevel.NO_EVIDENCE) {
                out.put("photo.m." + l, fmt(matched.photo.laplace(l, photoLevels)));
                out.put("photo.u." + l, fmt(unmatched.photo.laplace(l, photoLevels)));
            }
        }
        return out;
    }

    public static String defaultText() throws IOException {
        try (var stream =
                ParameterEstimator.class.getClassLoader().getResourceAsStream(MatchingParameters.DEFAULT_RESOURCE)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
