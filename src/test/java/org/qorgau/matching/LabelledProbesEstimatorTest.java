package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledProbesEstimatorTest {

    static final String[] SURNAMES = {
        "Абенов", "Жумабаев", "Касымов", "Нурланов", "Оспанов", "Сериков", "Тулегенов", "Ахметов", "Байжанов", "Ермеков"
    };
    static final String[] GIVEN = {"Нурлан", "Ерлан", "Серик", "Марат", "Данияр", "Асхат", "Бауыржан", "Канат"};

    @Test
    void shouldCountMatchedAndUnmatchedLevelsWithLaplaceSmoothingAndChooseThresholds() {
        List<RegistryPerson> registry = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            registry.add(new RegistryPerson(
                    "R" + i,
                    SURNAMES[i % SURNAMES.length] + " " + GIVEN[(i / SURNAMES.length) % GIVEN.length],
                    List.of(),
                    String.format("19%02d-%02d-%02d", 50 + i % 40, 1 + i % 12, 1 + i % 27),
                    List.of()));
        }
        List<Probe> probes = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // registered: the same person written in Latin script
            RegistryPerson p = registry.get(i);
            probes.add(new Probe(
                    Transliterator.transliterate(p.fullName(), Transliterator.Scheme.ICAO_9303),
                    p.dateOfBirth(),
                    null));
            expected.add(p.externalId());
        }
        for (int i = 0; i < 40; i++) { // not registered: a namesake born decades apart
            RegistryPerson p = registry.get(40 + i);
            probes.add(new Probe(p.fullName().split(" ")[0] + " Жандос", "2010-06-15", null));
            expected.add(null);
        }
        MatchingParameters p = MatchingParameters.loadDefault();
        ParameterEstimator.LabelledProbes training =
                new ParameterEstimator.LabelledProbes(p, registry, probes, expected, 20, 1);
        assertEquals(40, training.matched.name.total());
        assertTrue(training.matched.name.count(NameLevel.DIFFERENT) < 5);
        assertTrue(training.random.name.total() > 1000);

        Map<String, String> est = ParameterEstimator.laplaceEstimates(training.matched, training.random);
        NameLevel never = NameLevel.PHONETIC;
        if (training.matched.name.count(never) == 0) {
            // add-one: an unseen level gets 1 / (pairs + levels), never 0
            assertEquals(1.0 / (40 + NameLevel.values().length), Double.parseDouble(est.get("name.m." + never)), 1e-6);
        }
        // 40 exact dates of 40: (40 + 1) / (40 + 6)
        assertTrue(Double.parseDouble(est.get("dateOfBirth.m.EXACT")) > 0.85);
        assertTrue(Double.parseDouble(est.get("name.u.DIFFERENT")) > 0.9);

        ParameterEstimator.Thresholds t = training.chooseThresholds(p, 0, 0, 0.25, 0);
        assertEquals(0, t.falseMatch());
        assertEquals(0, t.falsePossible());
        assertEquals(40, t.registered());
        assertTrue(t.found() + t.unreachable() <= 40);
        assertTrue(t.match() >= 0 && t.possible() >= 0);
        assertEquals(0, t.match() % 0.25, 1e-9);
    }
}
