package org.qorgau.matching;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.evaluation.Engines;
import org.qorgau.evaluation.KazakhRussianGenerator;
import org.qorgau.evaluation.ProbeGenerator;

/**
 * Candidates per probe over the benchmark's probe mix (the registry and the 4,096-probe rotation of
 * {@code MatcherBenchmark}): how many entries the index proposes and how many reach the full scorer, mean, p50, p99
 * and max, with the time spent in candidate generation and in the whole screening.
 *
 * <pre>java -cp ... org.qorgau.matching.CandidateStats --size=1000000 [--probes=4096] [--rounds=3]</pre>
 */
public final class CandidateStats {

    private CandidateStats() {}

    public static void main(String[] args) {
        int size = Integer.parseInt(Engines.arg(args, "size", "1000000").replace("_", ""));
        int count = Integer.parseInt(Engines.arg(args, "probes", "4096"));
        int rounds = Integer.parseInt(Engines.arg(args, "rounds", "3"));
        long seed = KazakhRussianGenerator.DEFAULT_SEED;
        FellegiSunterMatcher matcher =
                FellegiSunterMatcherFactory.withDefaultParameters().buildMatcher(BenchmarkData.registry(size, seed));
        List<Probe> probes = BenchmarkData.probeMix(count, size, seed, ProbeGenerator.DEFAULT_SEED);
        long[] proposed = new long[probes.size()];
        long[] scored = new long[probes.size()];
        long[] candidateNanos = new long[probes.size()];
        long[] screenNanos = new long[probes.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < probes.size(); i++) {
                Probe p = probes.get(i);
                long t0 = System.nanoTime();
                matcher.candidates(PaddedName.distinct(ParsedName.parse(p.fullName())), p);
                long t1 = System.nanoTime();
                long[] counts = new long[2];
                matcher.screenCounting(p, counts);
                long t2 = System.nanoTime();
                proposed[i] = counts[0];
                scored[i] = counts[1];
                candidateNanos[i] = t1 - t0;
                screenNanos[i] = t2 - t1;
            }
        }
        System.out.printf(Locale.ROOT, "engine %s, %d entries, %d probes%n", matcher.engineVersion(), size, count);
        print("proposed by the index", proposed, 1);
        print("fully scored", scored, 1);
        print("candidate generation (us)", candidateNanos, 1000);
        print("whole screening (us)", screenNanos, 1000);
    }

    private static void print(String what, long[] values, double scale) {
        long[] v = values.clone();
        Arrays.sort(v);
        double mean = Arrays.stream(v).average().orElse(0);
        System.out.printf(
                Locale.ROOT,
                "%-28s mean %9.1f  p50 %9.1f  p99 %9.1f  max %9.1f%n",
                what,
                mean / scale,
                v[v.length / 2] / scale,
                v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.99) - 1)] / scale,
                v[v.length - 1] / scale);
    }
}
