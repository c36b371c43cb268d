package org.qorgau.evaluation.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.evaluation.Engines;
import org.qorgau.evaluation.KazakhRussianGenerator;
import org.qorgau.evaluation.ProbeGenerator;
import org.qorgau.matching.LayeredMatcher;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;

/**
 * The engine's CPU time per screening (the thread's own CPU clock, not the wall clock), which other processes on a
 * shared machine disturb far less than latency: {@code EngineCpuMain SIZE ROUNDS [DELTA]}. Screens the load-test probe
 * mix (4,096 probes) ROUNDS times after one warm-up round and prints mean, p50, p90, p99 of the CPU time per probe.
 * With DELTA, also the snapshot as served after an upsert, the last DELTA entries in a delta index on top of the full
 * index of all of them ({@link LayeredMatcher}) as a replica serves them until its next full build, beside the full
 * index alone in the same run.
 */
public final class EngineCpuMain {

    public static void main(String[] args) {
        int size = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        long seed = KazakhRussianGenerator.DEFAULT_SEED;
        int delta = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        MatcherFactory factory = Engines.factory("fs");
        List<RegistryPerson> registry = BenchmarkData.registry(size, seed);
        Matcher full = factory.build(registry);
        List<Matcher> matchers = new ArrayList<>(List.of(full));
        List<String> names = new ArrayList<>(List.of("full index"));
        if (delta > 0) {
            List<RegistryPerson> changed = registry.subList(size - delta, size);
            Set<String> hidden = new HashSet<>();
            changed.forEach(person -> hidden.add(person.externalId()));
            matchers.add(0, new LayeredMatcher(full, factory.buildDelta(changed, full), hidden, size));
            names.add(0, "full index + delta of " + delta);
        }
        Probe[] probes = BenchmarkData.probeMix(4096, size, seed, ProbeGenerator.DEFAULT_SEED)
                .toArray(new Probe[0]);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 2; w++) {
            for (Probe p : probes) {
                matchers.forEach(m -> m.screen(p));
            }
        }
        // With a delta, each probe is screened by both snapshots in turn, the first of them alternating: the second
        // finds the probe's postings in the CPU's caches, so a fixed order would favour one of them.
        int m = matchers.size();
        long[][] cpu = new long[m][probes.length * rounds];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (Probe p : probes) {
                for (int j = 0; j < m; j++) {
                    int i = (k + j) % m;
                    long t0 = bean.getCurrentThreadCpuTime();
                    matchers.get(i).screen(p);
                    cpu[i][k] = bean.getCurrentThreadCpuTime() - t0;
                }
                k++;
            }
        }
        for (int i = 0; i < m; i++) {
            long[] c = cpu[i];
            Arrays.sort(c);
            System.out.printf(
                    "size %d, %s, %d screenings: CPU per screening mean %.3f ms, p50 %.3f ms, p90 %.3f ms,"
                            + " p99 %.3f ms%n",
                    size,
                    names.get(i),
                    c.length,
                    Arrays.stream(c).average().orElse(0) / 1e6,
                    c[c.length / 2] / 1e6,
                    c[(int) (c.length * 0.9)] / 1e6,
                    c[(int) (c.length * 0.99)] / 1e6);
        }
    }
}
