package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FellegiSunterMatcherFactoryTest {

    static final RegistryPerson ABENOV =
            new RegistryPerson("kz-1", "Тохтарбеков Жандос Серикович", List.of(), "1984-03-12", List.of());

    @Test
    void shouldNameAlgorithmAndParameterSetInEngineVersion() {
        Matcher matcher = FellegiSunterMatcherFactory.withDefaultParameters().build(List.of(ABENOV));
        assertEquals(
                "qorgau-fs/1.6+params-" + MatchingParameters.loadDefault().id() + "+rendering-"
                        + RenderingModel.standard().id(),
                matcher.engineVersion());
        assertEquals(1, matcher.size());
    }

    @Test
    void shouldLoadParametersFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.properties");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MatchingParameters.DEFAULT_RESOURCE)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Files.writeString(file, text.replaceAll("(?m)^params.id=.*$", "params.id=test-7"));
        }
        Matcher matcher = FellegiSunterMatcherFactory.withParameters(MatchingParameters.load(file))
                .build(List.of());
        assertEquals(
                "qorgau-fs/1.6+params-test-7+rendering-"
                        + RenderingModel.standard().id(),
                matcher.engineVersion());
        assertEquals(Screening.none(), matcher.screen(new Probe("Anyone", "1980", null)));
    }

    @Test
    void shouldRejectParametersWithAMissingOrInvalidKey() {
        MatchingParameters p = MatchingParameters.loadDefault();
        assertThrows(IllegalArgumentException.class, () -> p.with("name.m.EXACT", "1.5"));
        assertThrows(IllegalArgumentException.class, () -> p.with("params.id", " "));
    }

    /** Weights so extreme that only the hard rules stand between a name and a MATCH. */
    static MatchingParameters extreme() {
        return MatchingParameters.loadDefault()
                .with("name.m.EXACT", "1")
                .with("name.u.EXACT", "0.0000000001")
                .with("name.tf.enabled", "false")
                .with("dateOfBirth.m.DIFFERENT", "1")
                .with("dateOfBirth.u.DIFFERENT", "1")
                .with("verdict.match.minWeight", "-1000")
                .with("verdict.possible.minWeight", "-1000");
    }

    @Test
    void shouldNeverCallANameAloneAMatchWhateverTheWeights() {
        Matcher matcher = FellegiSunterMatcherFactory.withParameters(extreme()).build(List.of(ABENOV));
        assertEquals(
                Verdict.NO_MATCH,
                matcher.screen(new Probe("Тохтарбеков Жандос Серикович", "1990-11-25", null))
                        .verdict(),
                "namesake with an unrelated date");
        assertNotEquals(
                Verdict.MATCH,
                matcher.screen(new Probe("Тохтарбеков Жандос Серикович", null, null))
                        .verdict(),
                "no date at all");
        assertNotEquals(
                Verdict.MATCH,
                matcher.screen(new Probe("Тохтарбеков Жандос Серикович", "1984", null))
                        .verdict(),
                "year only");
    }

    @Test
    void shouldNotMatchSiblingsWhateverTheWeights() {
        MatchingParameters p = extreme().with("name.m.DIFFERENT", "1").with("name.u.DIFFERENT", "0.0000001");
        Matcher matcher = FellegiSunterMatcherFactory.withParameters(p).build(List.of(ABENOV));
        assertEquals(
                Verdict.NO_MATCH,
                matcher.screen(new Probe("Тохтарбеков Ерлан Серикович", "1984-03-12", null))
                        .verdict());
    }

    @Test
    void shouldReportStrongestFirstAndOnlyReviewableMatches() {
        List<RegistryPerson> registry = new ArrayList<>(SyntheticRegistry.generate(500, 1, "bg"));
        registry.add(ABENOV);
        registry.add(new RegistryPerson("kz-2", "Тохтарбеков Жандос", List.of(), "1984", List.of()));
        registry.add(new RegistryPerson("kz-3", "Тохтарбеков Жандос", List.of(), "1961-01-01", List.of()));
        Matcher matcher = FellegiSunterMatcherFactory.withDefaultParameters().build(registry);
        Screening s = matcher.screen(new Probe("Zhandos Tokhtarbekov", "1984-03-12", null));
        assertEquals(Verdict.MATCH, s.verdict());
        assertEquals(
                List.of("kz-1", "kz-2"),
                s.matches().stream().map(Match::externalId).toList());
        assertEquals(Verdict.POSSIBLE_MATCH, s.matches().get(1).verdict());
        for (Match m : s.matches()) {
            assertEquals(
                    List.of("name", "dateOfBirth"),
                    m.explanation().stream().map(Evidence::field).toList());
            double sum = m.explanation().stream().mapToDouble(Evidence::weight).sum();
            assertEquals(m.matchWeight(), sum, 0.01);
            assertTrue(m.probability() > 0 && m.probability() < 1);
        }
        assertTrue(s.matches().get(0).probability() > s.matches().get(1).probability());
    }

    @Test
    void shouldWeighACommonNameLessThanARareOne() {
        List<RegistryPerson> registry = new ArrayList<>(SyntheticRegistry.generate(3000, 1, "bg"));
        registry.add(new RegistryPerson("common", "Иванов Александр", List.of(), "1970-01-01", List.of()));
        registry.add(ABENOV);
        FellegiSunterMatcher matcher =
                FellegiSunterMatcherFactory.withDefaultParameters().buildMatcher(registry);
        double common = matcher.scoreEntry(new Probe("Иванов Александр", "1970-01-01", null), registry.size() - 2)
                .explanation()
                .get(0)
                .weight();
        double rare = matcher.scoreEntry(
                        new Probe("Тохтарбеков Жандос Серикович", "1984-03-12", null), registry.size() - 1)
                .explanation()
                .get(0)
                .weight();
        assertTrue(rare > common + 5, "rare " + rare + " common " + common);
    }
}
