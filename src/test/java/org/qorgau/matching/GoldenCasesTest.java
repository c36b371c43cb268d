package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.text.StringEscapeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@code src/test/resources/matching/golden-cases.csv}: each row's expected verdict for its registry person. */
class GoldenCasesTest {

    static final List<RegistryPerson> BACKGROUND = SyntheticRegistry.generate(3000, 42, "bg-");
    static final FellegiSunterMatcherFactory FACTORY = FellegiSunterMatcherFactory.withDefaultParameters();

    record Row(
            int line,
            String section,
            String queryName,
            String queryDob,
            String queryPhoto,
            String registryName,
            List<String> aliases,
            String registryDob,
            List<String> photos,
            Verdict expected,
            String why) {
        @Override
        public String toString() {
            return "line " + line + ": " + why;
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = GoldenCasesTest.class.getClassLoader().getResourceAsStream("matching/golden-cases.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            String section = "";
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    section = line.substring(1).trim();
                    continue;
                }
                String[] f = line.split(",", 9);
                if (f.length != 9) {
                    throw new IllegalStateException("line " + (i + 1) + " has " + f.length + " columns");
                }
                rows.add(new Row(
                        i + 1,
                        section,
                        StringEscapeUtils.unescapeJava(f[0]),
                        f[1],
                        f[2].isEmpty() ? null : f[2],
                        StringEscapeUtils.unescapeJava(f[3]),
                        list(f[4]),
                        f[5],
                        list(f[6]),
                        Verdict.valueOf(f[7]),
                        f[8]));
            }
        }
        return rows;
    }

    private static List<String> list(String s) {
        return s.isEmpty()
                ? List.of()
                : Arrays.stream(s.split("\\|"))
                        .map(StringEscapeUtils::unescapeJava)
                        .collect(Collectors.toList());
    }

    static Stream<Arguments> cases() throws IOException {
        return rows().stream().map(r -> Arguments.of(r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldGiveTheExpectedVerdictForTheRegistryPerson(Row row) {
        RegistryPerson person =
                new RegistryPerson("golden", row.registryName(), row.aliases(), row.registryDob(), row.photos());
        List<RegistryPerson> registry = new ArrayList<>(BACKGROUND);
        registry.add(person);
        Matcher matcher = FACTORY.build(registry);
        Screening screening = matcher.screen(new Probe(row.queryName(), row.queryDob(), row.queryPhoto()));
        Verdict actual = screening.matches().stream()
                .filter(m -> m.externalId().equals("golden"))
                .map(Match::verdict)
                .findFirst()
                .orElse(Verdict.NO_MATCH);
        String explanation = screening.matches().stream()
                .filter(m -> m.externalId().equals("golden"))
                .map(m -> m.matchWeight() + " " + m.explanation())
                .findFirst()
                .orElse(explain(matcher, row));
        assertEquals(row.expected(), actual, row.section() + " / " + row.why() + " -> " + explanation);
    }

    private static String explain(Matcher matcher, Row row) {
        Match m = ((FellegiSunterMatcher) matcher)
                .scoreEntry(new Probe(row.queryName(), row.queryDob(), row.queryPhoto()), matcher.size() - 1);
        return "not reported; scored " + m.verdict() + " " + m.matchWeight() + " " + m.explanation();
    }

    @Test
    void shouldCoverEveryVerdictAndAtLeastSixtyRows() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 60, "rows: " + rows.size());
        for (Verdict v : Verdict.values()) {
            assertTrue(rows.stream().anyMatch(r -> r.expected() == v), "no row expects " + v);
        }
    }
}
