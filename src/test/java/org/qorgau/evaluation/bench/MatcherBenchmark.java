package org.qorgau.evaluation.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.evaluation.Engines;
import org.qorgau.evaluation.KazakhRussianGenerator;
import org.qorgau.evaluation.ProbeGenerator;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.Probe;
import org.qorgau.matching.Screening;

/**
 * Single-thread screening latency over a synthetic registry (performance bar at 1,000,000 entries: p50 ≤ 0.5 ms,
 * p99 ≤ 2 ms). {@link Mode#SampleTime} reports the latency distribution (p0.50, p0.99, p0.999). Each invocation
 * screens the next probe of a rotating 4,096-probe mix (30 % registered variants, 70 % not registered). {@code report}
 * is how many entries a screening may report: {@code all} is the full screening (monitoring's re-screens, the
 * evaluation suites), {@code 5} what a check runs under the default {@code qorgau.disclosure.max-entries}.
 *
 * <pre>scripts/bench-engine                       # both sizes, engine fs, both kinds of screening
 * scripts/bench-engine -p size=100000 -p engine=trigram -p report=all</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC"})
@Threads(1)
public class MatcherBenchmark {

    private static final int PROBES = 4096;

    @Param({"100000", "1000000"})
    public int size;

    @Param({"fs"})
    public String engine;

    @Param({"all", "5"})
    public String report;

    private Matcher matcher;
    private Probe[] probes;
    private int next;
    private int maxReported;

    @Setup(Level.Trial)
    public void setUp() {
        long seed = KazakhRussianGenerator.DEFAULT_SEED;
        matcher = Engines.factory(engine).build(BenchmarkData.registry(size, seed));
        List<Probe> mix = BenchmarkData.probeMix(PROBES, size, seed, ProbeGenerator.DEFAULT_SEED);
        probes = mix.toArray(new Probe[0]);
        maxReported = report.equals("all") ? -1 : Integer.parseInt(report);
    }

    @Benchmark
    public Screening screen() {
        Probe p = probes[next];
        next = next + 1 == probes.length ? 0 : next + 1;
        return maxReported < 0 ? matcher.screen(p) : matcher.screen(p, maxReported);
    }
}
