package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The filter never rules out a probe the engine reports an entry for: variants of the entries (typos, date slips,
 * reordered and single-token names, aliases, photos) and strangers, each screened by a matcher over the same entries.
 */
class ChangeFilterTest {

    private static final FellegiSunterMatcherFactory FACTORY = FellegiSunterMatcherFactory.withDefaultParameters();
    private final Map<String, NameToken> tokens = new ConcurrentHashMap<>();

    @Test
    void shouldNeverRuleOutAProbeWithAStraySpaceTheEngineReports() {
        List<RegistryPerson> entries = SyntheticRegistry.generate(2_000, 8, "j");
        Matcher matcher = FACTORY.build(entries);
        ChangeFilter filter = FACTORY.changeFilter(entries).orElseThrow();
        Random random = new Random(12);
        int reported = 0;
        for (int i = 0; i < 600; i++) {
            RegistryPerson entry = entries.get(random.nextInt(entries.size()));
            String[] words = entry.fullName().split(" ");
            // a space keyed inside the given name or surname (Mitch Ell Berry for Mitchell Berry), no patronymic
            int w = random.nextInt(Math.min(2, words.length));
            String word = words[w];
            if (word.length() < 4) {
                continue;
            }
            int cut = 2 + random.nextInt(word.length() - 3);
            words[w] = word.substring(0, cut) + " " + word.substring(cut);
            String name = words.length > 1 ? words[0] + " " + words[1] : words[0];
            Probe probe = new Probe(name, CandidateIndexRecallTest.perturbDate(entry.dateOfBirth(), random), null);
            boolean found = matcher.screen(probe).matches().stream().anyMatch(m -> m.verdict() != Verdict.NO_MATCH);
            if (found) {
                reported++;
                assertTrue(filter.mayMatch(person(probe)), () -> "ruled out a probe the engine reports: " + probe);
            }
        }
        assertTrue(reported > 100, "too few split-word probes reported to check the filter: " + reported);
    }

    @Test
    void shouldNeverRuleOutAProbeTheEngineReports() {
        List<RegistryPerson> entries = SyntheticRegistry.generate(2_000, 7, "c");
        Matcher matcher = FACTORY.build(entries);
        ChangeFilter filter = FACTORY.changeFilter(entries).orElseThrow();
        Random random = new Random(11);
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            RegistryPerson entry = entries.get(random.nextInt(entries.size()));
            String[] words = entry.fullName().split(" ");
            String name = switch (i % 5) {
                case 0 -> CandidateIndexRecallTest.typo(entry.fullName(), random);
                case 1 -> words.length > 1 ? words[1] + " " + words[0] : entry.fullName(); // reordered, no patronymic
                case 2 -> words[words.length - 1]; // one token
                case 3 ->
                    entry.aliases().isEmpty()
                            ? entry.fullName()
                            : entry.aliases().get(0);
                default -> entry.fullName();
            };
            String photo = i % 7 == 0 && !entry.photoHashes().isEmpty()
                    ? entry.photoHashes().get(0)
                    : null;
            probes.add(new Probe(name, CandidateIndexRecallTest.perturbDate(entry.dateOfBirth(), random), photo));
        }
        for (RegistryPerson stranger : SyntheticRegistry.generate(1_500, 99, "s")) {
            probes.add(new Probe(stranger.fullName(), stranger.dateOfBirth(), null));
        }
        int reported = 0;
        int ruledOut = 0;
        for (Probe probe : probes) {
            boolean may = filter.mayMatch(person(probe));
            boolean found = matcher.screen(probe).matches().stream().anyMatch(m -> m.verdict() != Verdict.NO_MATCH);
            if (found) {
                reported++;
                assertTrue(may, () -> "ruled out a probe the engine reports: " + probe);
            }
            ruledOut += may ? 0 : 1;
        }
        assertTrue(reported >= 500, "the fixture has probes the engine reports: " + reported);
        assertTrue(ruledOut >= 1_000, "most strangers and far variants are ruled out: " + ruledOut);
    }

    @Test
    void shouldAnswerTheQuickRejectionsCases() {
        RegistryPerson entry =
                new RegistryPerson("X-1", "Абенов Нурлан Серикович", List.of("Abenov Nur"), "1979-03-14", List.of());
        ChangeFilter filter = FACTORY.changeFilter(List.of(entry)).orElseThrow();

        assertTrue(filter.mayMatch(person(new Probe("Abenov Nurlan", "1979-03-14", null))));
        assertTrue(filter.mayMatch(person(new Probe("Абенв Нурлан", "1980-03-14", null))), "typo, a year apart");
        assertFalse(filter.mayMatch(person(new Probe("Абенов Нурлан", "1990-08-02", null))), "a contradicting date");
        assertFalse(filter.mayMatch(person(new Probe("Нурлан", "1980-03-14", null))), "one token against two");
        assertFalse(filter.mayMatch(person(new Probe("Иванов Нурлан", "1980-03-14", null))), "one of two tokens");
        assertTrue(
                filter.mayMatch(person(new Probe("Иванов Нурлан", "1979-03-14", null))),
                "one token on the same full date: a rare given name may agree");
        assertTrue(
                filter.mayMatch(person(new Probe("Иванов Нурлан", "1979-03-15", null))),
                "one token, the full date one digit off: a rare given name may agree");
        assertFalse(filter.mayMatch(person(new Probe("", "1979-03-14", null))), "no name, no photo");
    }

    private ChangeFilter.Person person(Probe probe) {
        return ChangeFilter.person(probe.fullName(), probe.dateOfBirth(), probe.photoHash(), tokens);
    }
}
