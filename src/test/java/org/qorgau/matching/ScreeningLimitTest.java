package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.evaluation.KazakhRussianGenerator;
import org.qorgau.evaluation.ProbeGenerator;

/**
 * A screening for a caller that discloses at most k entries ({@link Matcher#screen(Probe, int)}) is the full screening
 * whenever that reports at most k, and reports more than k otherwise, possibly having stopped early.
 */
class ScreeningLimitTest {

    private static final int NAMESAKES = 60;
    private static final String NAME = "Иванов Сергей Петрович";

    private final FellegiSunterMatcherFactory factory = FellegiSunterMatcherFactory.withDefaultParameters();

    /** {@link #NAMESAKES} people of one name born in 1981, ids N-0 .., among others of other names. */
    private static List<RegistryPerson> namesakesAndOthers() {
        List<RegistryPerson> people = new ArrayList<>();
        for (int i = 0; i < NAMESAKES; i++) {
            people.add(new RegistryPerson(
                    "N-" + i, NAME, List.of(), String.format("1981-%02d-%02d", 1 + i % 12, 1 + i % 28), List.of()));
        }
        people.addAll(BenchmarkData.registry(2_000, KazakhRussianGenerator.DEFAULT_SEED));
        return people;
    }

    private static Set<String> ids(Screening screening) {
        Set<String> ids = new HashSet<>();
        screening.matches().forEach(m -> ids.add(m.externalId()));
        return ids;
    }

    private static void assertLimited(Screening full, Screening limited, int k, Probe probe) {
        if (full.matches().size() <= k) {
            assertEquals(full, limited, () -> "a screening within the limit must be the full one: " + probe);
        } else {
            assertTrue(
                    limited.matches().size() > k, () -> "a broader screening must still report more than k: " + probe);
            assertTrue(ids(full).containsAll(ids(limited)), () -> "only entries the full screening reports: " + probe);
        }
    }

    @Test
    void stopsLookingOnceMoreEntriesThanOneAnswerMayDiscloseAreFound() {
        Matcher matcher = factory.build(namesakesAndOthers());
        Probe broad = new Probe(NAME, "1981", null);

        Screening full = matcher.screen(broad);
        Screening limited = matcher.screen(broad, 5);

        assertEquals(NAMESAKES, full.matches().size());
        assertTrue(limited.matches().size() > 5);
        assertTrue(limited.matches().size() < NAMESAKES, "the screening went on after the sixth match");
        assertTrue(ids(full).containsAll(ids(limited)));
    }

    @Test
    void answersAsTheFullScreeningWithinTheLimitAndReportsMoreThanItBeyond() {
        Matcher matcher = factory.build(namesakesAndOthers());
        List<Probe> probes = new ArrayList<>(
                BenchmarkData.probeMix(2_000, 2_000, KazakhRussianGenerator.DEFAULT_SEED, ProbeGenerator.DEFAULT_SEED));
        for (String name :
                List.of(NAME, "Ivanov Sergei Petrovich", "Иванов Сергей", "Ivanov Sergey", "Иванов Серёжа")) {
            for (String dob : List.of("1981", "1981-03", "1981-03-03", "1980", "1982-01-01")) {
                probes.add(new Probe(name, dob, null));
            }
        }
        int beyond = 0;
        for (Probe probe : probes) {
            Screening full = matcher.screen(probe);
            for (int k : new int[] {0, 1, 5}) {
                assertLimited(full, matcher.screen(probe, k), k, probe);
            }
            if (full.matches().size() > 5) {
                beyond++;
            }
        }
        assertTrue(beyond > 0, "the mix has broad probes");
    }

    @Test
    void countsNoEntryTheDeltaIndexAnswersForInstead() {
        List<RegistryPerson> before = namesakesAndOthers();
        Matcher base = factory.build(before);
        // all namesakes but three removed, and one of the three moved to another year
        Set<String> hidden = new HashSet<>();
        for (int i = 3; i < NAMESAKES; i++) {
            hidden.add("N-" + i);
        }
        RegistryPerson moved = new RegistryPerson("N-2", NAME, List.of(), "1975-05-05", List.of());
        hidden.add(moved.externalId());
        Matcher layered = new LayeredMatcher(
                base, factory.buildDelta(List.of(moved), base), hidden, before.size() - (NAMESAKES - 3));
        Probe broad = new Probe(NAME, "1981", null);

        Screening full = layered.screen(broad);

        assertEquals(Set.of("N-0", "N-1"), ids(full));
        assertEquals(full, layered.screen(broad, 5));
        assertEquals(full, layered.screen(broad, 2));
        assertTrue(layered.screen(broad, 1).matches().size() > 1);
    }
}
