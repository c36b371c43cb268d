package org.qorgau.screening;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.qorgau.matching.LayeredMatcher;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;

/**
 * Screens a few of the registry's own entries through a full index with a small delta on top, just after the
 * replica's first snapshot is served (beside its first checks, which meanwhile teach the compiler the full index
 * alone). A replica serves "full index plus delta" after every registry change, and without this the first change
 * after a start is also the first time that code runs: the JIT compiler then compiles it, and recompiles
 * the check path it shares (whose profile had seen the full index alone), while the change's import competes with the
 * checks for the same cores. The delta re-indexes the sampled entries unchanged, so its answers equal the full
 * index's; nothing is kept, and nothing about the entries is logged.
 */
final class LayeredWarmUp {

    // the index's log category, which operators already filter on
    private static final Logger LOG = Logger.getLogger(MatchingIndex.class);

    /** Entries re-indexed as the delta: enough for the JIT compiler to compile the delta build's loops too. */
    static final int SAMPLE = 5_000;
    /** Of them, the entries whose names and dates make the probes. */
    static final int PROBE_PEOPLE = 64;

    static final long BUDGET_NANOS = 3_000_000_000L;
    static final int MAX_SCREENINGS = 4_000;

    private LayeredWarmUp() {}

    /**
     * Screens up to {@link #MAX_SCREENINGS} probes made from entries of {@code sample} (the registry entries {@link
     * #sample} picked) through {@code base} with a delta of them all on top, for at most {@link #BUDGET_NANOS};
     * returns how many it screened.
     */
    static int run(MatcherFactory factory, Matcher base, List<RegistryPerson> sample, int maxReported) {
        if (sample.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        Set<String> hidden = new HashSet<>();
        sample.forEach(p -> hidden.add(p.externalId()));
        RegistrySnapshot layered = new RegistrySnapshot(
                0, new LayeredMatcher(base, factory.buildDelta(sample, base), hidden, base.size()));
        List<Probe> probes = new ArrayList<>(PROBE_PEOPLE * 2);
        int probeStep = Math.max(1, sample.size() / PROBE_PEOPLE);
        for (int i = 0; i < sample.size(); i += probeStep) {
            RegistryPerson p = sample.get(i);
            probes.add(new Probe(p.fullName(), p.dateOfBirth(), null));
            probes.add(new Probe(p.fullName(), anotherYear(p.dateOfBirth()), null));
        }
        int screened = 0;
        while (screened < MAX_SCREENINGS && System.nanoTime() - started < BUDGET_NANOS) {
            layered.screen(probes.get(screened % probes.size()), maxReported); // as checks screen
            layered.engineVersion(); // as CheckRecords reads it for every check
            screened++;
        }
        LOG.infof(
                "Matching index warmed up: %d screenings with a delta index in %d ms",
                screened, (System.nanoTime() - started) / 1_000_000);
        return screened;
    }

    /** Up to {@link #SAMPLE} of {@code people}, spread over the list. */
    static List<RegistryPerson> sample(List<RegistryPerson> people) {
        List<RegistryPerson> sample = new ArrayList<>(Math.min(SAMPLE, people.size()));
        int step = Math.max(1, people.size() / SAMPLE);
        for (int i = 0; i < people.size() && sample.size() < SAMPLE; i += step) {
            sample.add(people.get(i));
        }
        return sample;
    }

    /** The same date ten years earlier: a probe that shares the name but not the person. */
    private static String anotherYear(String dateOfBirth) {
        if (dateOfBirth == null || dateOfBirth.length() < 4) {
            return dateOfBirth;
        }
        try {
            int year = Integer.parseInt(dateOfBirth.substring(0, 4));
            return String.format(java.util.Locale.ROOT, "%04d", year - 10) + dateOfBirth.substring(4);
        } catch (NumberFormatException e) {
            return dateOfBirth;
        }
    }
}
