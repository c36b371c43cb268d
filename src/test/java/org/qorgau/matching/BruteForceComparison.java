package org.qorgau.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compares the engine's answers with brute force: a {@link MatcherFactory} whose matchers answer each probe through
 * the candidate index (as in production) and also by passing every registry entry to the scorer
 * ({@link FellegiSunterMatcher#screenAllQuick}), and count every probe where the two differ in the overall verdict or
 * in any reported entry or its verdict. Test-side only: it reads the engine's package-private brute-force path.
 */
public final class BruteForceComparison {

    /** Counts over every probe screened by the matchers of one factory; thread-safe. */
    public static final class Tally {
        final AtomicLong probes = new AtomicLong();
        final AtomicLong verdictDifferences = new AtomicLong();
        final AtomicLong matchDifferences = new AtomicLong();
        final AtomicLong candidates = new AtomicLong();
        final List<String> examples = new ArrayList<>();

        public long probes() {
            return probes.get();
        }

        /** Probes whose overall verdict differs from brute force. */
        public long verdictDifferences() {
            return verdictDifferences.get();
        }

        /** Probes whose reported entries or their verdicts differ from brute force. */
        public long matchDifferences() {
            return matchDifferences.get();
        }

        @Override
        public String toString() {
            synchronized (examples) {
                return String.format(
                        Locale.ROOT,
                        "probes %d, overall verdict differs from brute force: %d, reported entries/verdicts differ: %d;"
                                + " mean candidates per probe %.1f%s",
                        probes(),
                        verdictDifferences(),
                        matchDifferences(),
                        candidates.get() / (double) Math.max(1, probes()),
                        examples.isEmpty() ? "" : "; e.g. " + examples);
            }
        }
    }

    private BruteForceComparison() {}

    /** A factory building the default engine's matchers that compare every answer with brute force into {@code tally}. */
    public static MatcherFactory checking(Tally tally) {
        FellegiSunterMatcherFactory inner = FellegiSunterMatcherFactory.withDefaultParameters();
        return registry -> new Checking(inner.buildMatcher(registry), tally);
    }

    private record Checking(FellegiSunterMatcher matcher, Tally tally) implements Matcher {

        @Override
        public Screening screen(Probe probe) {
            long[] counts = new long[2];
            Screening indexed = matcher.screenCounting(probe, counts);
            Screening brute = matcher.screenAllQuick(probe);
            tally.probes.incrementAndGet();
            tally.candidates.addAndGet(counts[0]);
            boolean verdict = indexed.verdict() != brute.verdict();
            boolean matches = !summary(indexed).equals(summary(brute));
            if (verdict) {
                tally.verdictDifferences.incrementAndGet();
            }
            if (matches) {
                tally.matchDifferences.incrementAndGet();
                synchronized (tally.examples) {
                    if (tally.examples.size() < 5) {
                        tally.examples.add(probe + ": index " + summary(indexed) + " brute force " + summary(brute));
                    }
                }
            }
            return indexed;
        }

        private static List<String> summary(Screening s) {
            return s.matches().stream()
                    .map(m -> m.externalId() + "=" + m.verdict() + "@" + m.matchWeight())
                    .sorted()
                    .toList();
        }

        @Override
        public String engineVersion() {
            return matcher.engineVersion();
        }

        @Override
        public int size() {
            return matcher.size();
        }
    }
}
