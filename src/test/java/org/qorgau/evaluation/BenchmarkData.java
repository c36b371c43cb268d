package org.qorgau.evaluation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;

/** Public entry points for the benchmarks in {@code org.qorgau.evaluation.bench}. */
public final class BenchmarkData {

    private BenchmarkData() {}

    /** The first {@code size} synthetic registry people, without keeping the generator's richer records. */
    public static List<RegistryPerson> registry(int size, long seed) {
        List<RegistryPerson> out = new ArrayList<>(size);
        Iterator<SyntheticPerson> it =
                new KazakhRussianGenerator(seed).people(size).iterator();
        while (it.hasNext()) {
            out.add(it.next().toRegistryPerson());
        }
        return out;
    }

    /**
     * {@code count} probes in the load-test mix (30 % registered variants, 70 % not registered), derived from the first
     * min(size, 20,000) registry people; the registry prefix property makes them valid for any larger registry.
     */
    public static List<Probe> probeMix(int count, int size, long registrySeed, long probeSeed) {
        List<SyntheticPerson> sample = new KazakhRussianGenerator(registrySeed).registry(Math.min(size, 20_000));
        ProbeGenerator generator = new ProbeGenerator(sample, probeSeed);
        return ProbeMixWriter.mix(count, generator, probeSeed).stream()
                .map(LabelledProbe::probe)
                .toList();
    }
}
