package org.qorgau.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qorgau.evaluation.SyntheticPerson.Gender;
import org.qorgau.evaluation.SyntheticPerson.PatronymicStyle;
import org.qorgau.matching.Evidence;
import org.qorgau.matching.Match;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.Probe;
import org.qorgau.matching.Screening;
import org.qorgau.matching.Verdict;

class EvaluationGeneratorTest {

    private static List<SyntheticPerson> registry;
    private static List<LabelledProbe> probes;

    @BeforeAll
    static void generate() {
        registry = new KazakhRussianGenerator(KazakhRussianGenerator.DEFAULT_SEED).registry(5_000);
        probes = new ProbeGenerator(registry, ProbeGenerator.DEFAULT_SEED).generate(40, 200);
    }

    @Test
    void shouldGenerateTheSameRegistryAndProbesForTheSameSeed() {
        KazakhRussianGenerator again = new KazakhRussianGenerator(KazakhRussianGenerator.DEFAULT_SEED);
        assertEquals(registry, again.registry(5_000));
        assertEquals(probes, new ProbeGenerator(registry, ProbeGenerator.DEFAULT_SEED).generate(40, 200));
        assertNotEquals(registry, new KazakhRussianGenerator(1L).registry(5_000));
    }

    @Test
    void shouldKeepEachPersonIndependentOfRegistrySize() {
        assertEquals(
                registry.subList(0, 300),
                new KazakhRussianGenerator(KazakhRussianGenerator.DEFAULT_SEED).registry(300));
    }

    @Test
    void shouldEmbedEnoughNames() {
        assertTrue(NameLists.KAZAKH_SURNAMES.size() + NameLists.RUSSIAN_SURNAMES.size() >= 150);
        assertTrue(NameLists.KAZAKH_MALE.size() + NameLists.RUSSIAN_MALE.size() >= 100);
        assertTrue(NameLists.KAZAKH_FEMALE.size() + NameLists.RUSSIAN_FEMALE.size() >= 100);
        Set<String> all = new HashSet<>();
        all.addAll(NameLists.KAZAKH_SURNAMES);
        all.addAll(NameLists.RUSSIAN_SURNAMES);
        assertEquals(NameLists.KAZAKH_SURNAMES.size() + NameLists.RUSSIAN_SURNAMES.size(), all.size(), "duplicates");
    }

    @Test
    void shouldCoverEveryKazakhLetterInRegistryNames() {
        String names = registry.stream()
                .map(p -> p.fullName().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(" "));
        for (char c : "әғқңөұүһі".toCharArray()) {
            assertTrue(names.indexOf(c) >= 0, "missing Kazakh letter " + c);
        }
    }

    @Test
    void shouldMakeSomeNamesCommonAndKeepTheDocumentedShares() {
        Map<String, Long> surnames = registry.stream()
                .collect(Collectors.groupingBy(
                        p -> KazakhRussianGenerator.masculineSurname(p.surname()), Collectors.counting()));
        long top = surnames.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(top > 200, "the most common surname should be common under Zipf, was " + top);
        double yearOnly = share(p -> p.dateOfBirth().length() == 4);
        double yearMonth = share(p -> p.dateOfBirth().length() == 7);
        double withPhoto = share(p -> !p.photoHashes().isEmpty());
        double withAlias = share(p -> !p.aliases().isEmpty());
        assertTrue(yearOnly > 0.03 && yearOnly < 0.07, "year-only share " + yearOnly);
        assertTrue(yearMonth > 0.015 && yearMonth < 0.045, "year-month share " + yearMonth);
        assertTrue(withPhoto > 0.36 && withPhoto < 0.44, "photo share " + withPhoto);
        assertTrue(withAlias > 0.12 && withAlias < 0.18, "alias share " + withAlias);
        assertTrue(registry.stream().allMatch(p -> p.photoHashes().stream().allMatch(h -> h.matches("[0-9a-f]{64}"))));
        assertTrue(registry.stream()
                .allMatch(
                        p -> DateOfBirths.year(p.dateOfBirth()) >= 1950 && DateOfBirths.year(p.dateOfBirth()) <= 2005));
    }

    @Test
    void shouldDeriveGenderedSurnamesAndPatronymics() {
        assertEquals("Иванова", KazakhRussianGenerator.feminineSurname("Иванов"));
        assertEquals("Ильина", KazakhRussianGenerator.feminineSurname("Ильин"));
        assertEquals("Ковальская", KazakhRussianGenerator.feminineSurname("Ковальский"));
        assertEquals("Ким", KazakhRussianGenerator.feminineSurname("Ким"));
        assertEquals("Нұрланқызы", KazakhRussianGenerator.feminineSurname("Нұрланұлы"));
        assertEquals("Сергеевич", KazakhRussianGenerator.patronymic("Сергей", Gender.MALE, PatronymicStyle.RUSSIAN));
        assertEquals("Юрьевна", KazakhRussianGenerator.patronymic("Юрий", Gender.FEMALE, PatronymicStyle.RUSSIAN));
        assertEquals("Дмитриевич", KazakhRussianGenerator.patronymic("Дмитрий", Gender.MALE, PatronymicStyle.RUSSIAN));
        assertEquals("Игоревна", KazakhRussianGenerator.patronymic("Игорь", Gender.FEMALE, PatronymicStyle.RUSSIAN));
        assertEquals("Нұрланович", KazakhRussianGenerator.patronymic("Нұрлан", Gender.MALE, PatronymicStyle.RUSSIAN));
        assertEquals("Қайратқызы", KazakhRussianGenerator.patronymic("Қайрат", Gender.FEMALE, PatronymicStyle.KAZAKH));
        assertNull(KazakhRussianGenerator.patronymic("Қайрат", Gender.MALE, PatronymicStyle.NONE));
    }

    @Test
    void shouldTransliterateLikeTheSchemesOwnSamples() {
        assertEquals("Iuliia Shcheglova", Transliteration.apply("icao_doc_9303", "Юлия Щеглова"));
        assertEquals("Igor Ilin", Transliteration.apply("icao_doc_9303", "Игорь Ильин"));
        assertEquals("Нурлан Кайрат Галым", Transliteration.foldKazakh("Нұрлан Қайрат Ғалым"));
        assertEquals(
                "Nūrlan Äsel Qairat Ğalym", Transliteration.apply("kazakh_2021_latin", "Нұрлан Әсел Қайрат Ғалым"));
        assertEquals("Schukin Wladimir", Transliteration.apply("german", "Жукин Владимир"));
        assertEquals("Janar Hasanov", Transliteration.apply("informal", "Жанар Хасанов"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"icao_doc_9303", "bgn_pcgn", "telegram", "wikipedia", "mosmetro", "scientific"})
    void shouldReproduceTheIuliiaSchemesOwnSamples(String scheme) throws Exception {
        JsonNode samples = new ObjectMapper()
                .readTree(ReferenceData.path("translit-schemas/" + scheme + ".json")
                        .toFile())
                .get("samples");
        for (JsonNode sample : samples) {
            assertEquals(
                    sample.get(1).asText(),
                    Transliteration.apply(scheme, sample.get(0).asText()),
                    scheme);
        }
    }

    @Test
    void shouldProduceEveryVariantAndEveryNotRegisteredKind() {
        ProbeGenerator generator = new ProbeGenerator(registry, ProbeGenerator.DEFAULT_SEED);
        Map<String, Long> counts =
                probes.stream().collect(Collectors.groupingBy(LabelledProbe::variant, Collectors.counting()));
        for (String v : generator.variantNames()) {
            assertEquals(40L, counts.get(v), "variant " + v);
        }
        for (String k : ProbeGenerator.NOT_REGISTERED_KINDS) {
            assertEquals(200L, counts.get(k), "kind " + k);
        }
        assertTrue(generator.variantNames().size() >= 25);
        assertTrue(generator
                .variantNames()
                .containsAll(List.of(
                        "kazakh_to_russian_cyrillic",
                        "translit_icao_doc_9303",
                        "translit_bgn_pcgn",
                        "translit_kazakh_2021_latin",
                        "translit_informal",
                        "translit_german",
                        "upper_case",
                        "order_given_first",
                        "missing_patronymic",
                        "initials",
                        "typo_cyrillic",
                        "typo_latin",
                        "homoglyph_zero_width",
                        "dob_day_month_swap",
                        "dob_one_digit_typo",
                        "dob_year_only",
                        "photo_24_bits_flipped",
                        "photo_le24_mangled_name_correct_dob")));
    }

    @Test
    void shouldMakeEachVariantWhatItsNameSays() {
        Map<String, SyntheticPerson> byId =
                registry.stream().collect(Collectors.toMap(SyntheticPerson::externalId, Function.identity()));
        for (LabelledProbe lp : probes) {
            if (!lp.registered()) {
                continue;
            }
            SyntheticPerson p = byId.get(lp.expectedId());
            Probe probe = lp.probe();
            switch (lp.variant()) {
                case "kazakh_to_russian_cyrillic" -> {
                    assertFalse(Transliteration.hasKazakhLetters(probe.fullName()));
                    assertNotEquals(p.fullName(), probe.fullName());
                }
                case "translit_icao_doc_9303", "translit_german", "typo_latin" ->
                    assertTrue(
                            probe.fullName()
                                    .chars()
                                    .noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC),
                            probe.fullName());
                case "typo_cyrillic" -> {
                    int d = LevenshteinDistance.getDefaultInstance().apply(p.fullName(), probe.fullName());
                    assertTrue(d == 1 || d == 2, probe.fullName() + " vs " + p.fullName());
                    String[] tokens = probe.fullName().split(" ");
                    // the typo never turns a masculine surname or patronymic ending into a feminine one
                    assertTrue(
                            tokens[0].endsWith(p.surname().substring(p.surname().length() - 2)), probe.fullName());
                    if (p.patronymic() != null) {
                        String pat = p.patronymic();
                        assertTrue(tokens[2].endsWith(pat.substring(pat.length() - 3)), probe.fullName());
                    }
                }
                case "homoglyph_zero_width" -> {
                    assertTrue(probe.fullName().chars().anyMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'));
                    assertTrue(probe.fullName()
                            .chars()
                            .anyMatch(c -> new String(ProbeGenerator.INVISIBLES).indexOf(c) >= 0));
                }
                case "dob_day_month_swap", "dob_one_digit_typo" -> {
                    assertNotEquals(p.dateOfBirth(), probe.dateOfBirth());
                    assertTrue(DateOfBirths.related(p.dateOfBirth(), probe.dateOfBirth()));
                }
                case "photo_24_bits_flipped" -> assertEquals(24, hamming(probe.photoHash(), p.photoHashes()));
                case "photo_le24_name_unrelated_dob" ->
                    assertFalse(DateOfBirths.related(p.dateOfBirth(), probe.dateOfBirth()));
                default -> {}
            }
        }
    }

    @Test
    void shouldNeverLabelAPlausibleRegisteredPersonAsNotRegistered() {
        Set<String> exactKeys = new HashSet<>();
        for (SyntheticPerson p : registry) {
            exactKeys.add(ExactMatcherFactory.normaliseName(p.fullName()) + "|" + p.dateOfBirth());
        }
        RegistryGuard guard = ProbeGenerator.guardOf(registry);
        for (LabelledProbe lp : probes) {
            if (lp.registered()) {
                continue;
            }
            Probe probe = lp.probe();
            assertFalse(
                    exactKeys.contains(ExactMatcherFactory.normaliseName(probe.fullName()) + "|" + probe.dateOfBirth()),
                    lp.toString());
            String[] tokens = probe.fullName().split(" ");
            if (Character.UnicodeScript.of(tokens[0].codePointAt(0)) == Character.UnicodeScript.CYRILLIC) {
                assertFalse(guard.plausiblyRegistered(tokens[0], tokens[1], probe.dateOfBirth()), lp.toString());
            }
            if (probe.photoHash() != null) {
                for (SyntheticPerson p : registry) {
                    assertTrue(hamming(probe.photoHash(), p.photoHashes()) > 31
                            || p.photoHashes().isEmpty());
                }
            }
        }
    }

    @Test
    void shouldWriteRegistryImportNdjson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new KazakhRussianGenerator(KazakhRussianGenerator.DEFAULT_SEED).writeNdjson(50, out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(50, lines.length);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            JsonNode entry = mapper.readTree(lines[i]);
            SyntheticPerson p = registry.get(i);
            assertEquals(p.externalId(), entry.get("externalId").asText());
            assertEquals(p.fullName(), entry.get("fullName").asText());
            assertEquals(p.dateOfBirth(), entry.get("dateOfBirth").asText());
            assertEquals(p.aliases().size(), entry.get("aliases").size());
            assertEquals(p.photoHashes().size(), entry.get("photoHashes").size());
            for (String field : List.of("offence", "convictionDate", "region", "sourceUrl")) {
                assertFalse(entry.get(field).asText().isEmpty(), field);
            }
        }
    }

    @Test
    void shouldComputePairwisePrecisionRecallAndF1OnAHandMadeExample() {
        Set<String> truth = Set.of(
                PairwiseMetrics.pair("a", "b"),
                PairwiseMetrics.pair("b", "d"),
                PairwiseMetrics.pair("c", "d"),
                PairwiseMetrics.pair("e", "f"));
        Set<String> predicted =
                Set.of(PairwiseMetrics.pair("b", "a"), PairwiseMetrics.pair("a", "c"), PairwiseMetrics.pair("d", "b"));
        PairwiseMetrics m = PairwiseMetrics.of(predicted, truth);
        assertEquals(new PairwiseMetrics(2, 1, 2), m);
        assertEquals(2.0 / 3, m.precision(), 1e-12);
        assertEquals(0.5, m.recall(), 1e-12);
        assertEquals(4.0 / 7, m.f1(), 1e-12);
    }

    @Test
    void shouldTallyRecallAndFalseVerdictsOnAHandMadeExample() {
        Map<String, Screening> answers = Map.of(
                "found-match", screening(Verdict.MATCH, "R1"),
                "found-possible", screening(Verdict.POSSIBLE_MATCH, "R2"),
                "wrong-person", screening(Verdict.MATCH, "R9"),
                "stranger-possible", screening(Verdict.POSSIBLE_MATCH, "R4"),
                "stranger-clear", Screening.none());
        Matcher stub = new Matcher() {
            @Override
            public Screening screen(Probe probe) {
                return answers.get(probe.fullName());
            }

            @Override
            public String engineVersion() {
                return "stub";
            }

            @Override
            public int size() {
                return 0;
            }
        };
        List<LabelledProbe> handMade = List.of(
                new LabelledProbe(new Probe("found-match", "1980", null), "R1", "v"),
                new LabelledProbe(new Probe("found-possible", "1980", null), "R2", "v"),
                new LabelledProbe(new Probe("wrong-person", "1980", null), "R3", "v"),
                new LabelledProbe(new Probe("stranger-possible", "1980", null), null, "k"),
                new LabelledProbe(new Probe("stranger-clear", "1980", null), null, "k"));
        ScreeningReport report = ScreeningReport.evaluate(stub, handMade, 1);
        ScreeningReport.Tally v = report.variant("v");
        assertEquals(3, v.n);
        assertEquals(2, v.found);
        assertEquals(1, v.foundMatch);
        assertEquals(1, v.foundPossible);
        assertEquals(1, v.otherMatch);
        assertEquals(2.0 / 3, report.registeredTotal().recall(), 1e-12);
        assertEquals(0.0, report.notRegisteredTotal().falseMatchRate(), 1e-12);
        assertEquals(0.5, report.notRegisteredTotal().falsePossibleRate(), 1e-12);
        assertTrue(report.toMarkdown("t").contains("| v | 3 | 66.67 | 33.33 | 33.33 | 33.33 | 0 | FAIL |"));
    }

    @Test
    void shouldDegradeInvalidFebrlDatesToTheBestTruePartial() {
        assertEquals("1915-11-11", FebrlHarness.dateOfBirth("19151111"));
        assertEquals("1915-02", FebrlHarness.dateOfBirth("19150231"));
        assertEquals("1915", FebrlHarness.dateOfBirth("19151311"));
        assertNull(FebrlHarness.dateOfBirth(""));
        assertEquals("123", FebrlHarness.entity("rec-123-dup-4"));
    }

    @Test
    void shouldTreatTypoLikeDateDifferencesAsRelated() {
        assertTrue(DateOfBirths.related("1962", "1966-09-30"), "one year digit against a year-only date");
        assertTrue(DateOfBirths.related("1968", "1986-04-03"), "transposed year digits");
        assertTrue(DateOfBirths.related("1976-08", "1979-08-26"), "one digit at year-month precision");
        assertTrue(DateOfBirths.related("1980-03-04", "1980-04-03"), "day-month swap");
        assertTrue(DateOfBirths.related("1980-03-04", "1981-03-04"), "one year apart");
        assertFalse(DateOfBirths.related("1980-03-04", "1991-07-04"));
        assertFalse(DateOfBirths.related("1962", "1975-01-01"));
        assertTrue(RegistryGuard.withinOneEdit("ерланулы", "ержанулы"));
        assertTrue(RegistryGuard.withinOneEdit("иванов", "ивнаов"));
        assertTrue(RegistryGuard.withinOneEdit("омаров", "омарова"));
        assertTrue(RegistryGuard.withinOneEdit("елена", "алена"), "Алёна folds to алена");
        assertFalse(RegistryGuard.withinOneEdit("елена", "ирина"));
        assertFalse(RegistryGuard.withinOneEdit("иванов", "иванова2"));
    }

    private static Screening screening(Verdict verdict, String id) {
        return new Screening(
                verdict, List.of(new Match(id, verdict, 0.5, 1.0, List.of(new Evidence("name", "X", 1.0, "")))));
    }

    private static double share(java.util.function.Predicate<SyntheticPerson> p) {
        return (double) registry.stream().filter(p).count() / registry.size();
    }

    private static int hamming(String hash, List<String> others) {
        int best = Integer.MAX_VALUE;
        for (String o : others) {
            int d = 0;
            for (int i = 0; i < 64; i += 16) {
                d += Long.bitCount(Long.parseUnsignedLong(hash.substring(i, i + 16), 16)
                        ^ Long.parseUnsignedLong(o.substring(i, i + 16), 16));
            }
            best = Math.min(best, d);
        }
        return best;
    }
}
