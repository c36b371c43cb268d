package org.qorgau.evaluation.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.evaluation.Engines;
import org.qorgau.evaluation.KazakhRussianGenerator;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.RegistryPerson;

/**
 * Index build time and heap held by the built matcher (bars at 1,000,000 entries: build ≤ 20 s, heap ≤ 1.5 GB).
 *
 * <pre>scripts/bench-engine --footprint [--size=1000000] [--engine=fs]</pre>
 *
 * Generates the registry, measures the heap it takes, builds the matcher (timed), drops the caller's reference to the
 * registry list, forces GC and reports the heap still used: the matcher plus whatever registry data it keeps, which is
 * what a service replica holds per registry version.
 */
public final class BuildFootprintMain {

    private BuildFootprintMain() {}

    public static void main(String[] args) {
        int size = Integer.parseInt(Engines.arg(args, "size", "1000000").replace("_", ""));
        String engine = Engines.arg(args, "engine", "fs");
        MatcherFactory factory = Engines.factory(engine);

        long empty = usedAfterGc();
        List<RegistryPerson> registry = BenchmarkData.registry(size, KazakhRussianGenerator.DEFAULT_SEED);
        long withRegistry = usedAfterGc();

        long start = System.nanoTime();
        Matcher matcher = factory.build(registry);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        registry = null; // the matcher must keep what it needs itself
        long withMatcher = usedAfterGc();

        System.out.printf(Locale.ROOT, "| measure | value | bar |%n|---|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| engine | %s | |%n", matcher.engineVersion());
        System.out.printf(Locale.ROOT, "| entries indexed | %d | |%n", matcher.size());
        System.out.printf(
                Locale.ROOT, "| registry list alone (heap) | %.0f MB | |%n", (withRegistry - empty) / 1048576.0);
        System.out.printf(
                Locale.ROOT,
                "| index build | %.1f s | ≤ 20 s%s |%n",
                buildSeconds,
                size >= 1_000_000 ? (buildSeconds <= 20 ? " ok" : " FAIL") : "");
        double heapMb = (withMatcher - empty) / 1048576.0;
        System.out.printf(
                Locale.ROOT,
                "| heap after build, registry list dropped | %.0f MB | ≤ 1536 MB%s |%n",
                heapMb,
                size >= 1_000_000 ? (heapMb <= 1536 ? " ok" : " FAIL") : "");
        // keep the matcher reachable until after the measurement
        if (matcher.size() < 0) {
            System.out.println(matcher);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
