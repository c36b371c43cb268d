package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderingModelTest {

    private static final NameComparator NAMES = new NameComparator(MatchingParameters.loadDefault());

    private static NameToken token(String s) {
        return NameToken.of(NameNormalizer.normalize(s));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
        "Didier, Дидье",
        "Chevalier, Шевалье",
        "William, Уильям",
        "White, Уайт",
        "Hiroshi, Хироси",
        "Kenji, Кэндзи",
        "Heinrich, Генрих",
        "Harry, Гарри",
        "Shin, Син",
        "Gowing, Гоуинг",
        "Tenney, Тенни"
    })
    void shouldAgreeOnRussianRenderingsOfForeignNamesInBothOrders(String latin, String cyrillic) {
        assertTrue(NAMES.compareTokens(token(latin), token(cyrillic)).agrees(), latin + " / " + cyrillic);
        assertEquals(
                NAMES.compareTokens(token(latin), token(cyrillic)), NAMES.compareTokens(token(cyrillic), token(latin)));
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource({"Didier, Дмитрий", "William, Вильгельмина", "Hiroshi, Хидеки", "Harry, Генри", "Shin, Сато"})
    void shouldNotAgreeOnDifferentNames(String latin, String cyrillic) {
        assertEquals(NameComparator.TokenLevel.DIFFERENT, NAMES.compareTokens(token(latin), token(cyrillic)));
    }

    @Test
    void shouldExplainWhatWasMatchedToWhat() {
        NameComparison c = NAMES.compare(ParsedName.parse("Didier Chevalier"), ParsedName.parse("Дидье Шевалье"));
        assertEquals(NameLevel.RENDERING, c.level());
        assertTrue(c.detail().contains("chevalier ~ шевалье"), c.detail());
        assertTrue(c.detail().contains("ier$→е"), c.detail());
    }

    @Test
    void shouldReadLatinTokensTheRussianWay() {
        RenderingModel m = RenderingModel.standard();
        assertEquals("хироси", m.reading("hiroshi"));
        assertEquals("", m.reading("иван"));
        assertEquals("", m.reading(""));
        assertNull(m.align("", "^а$"));
        assertNotNull(m.align(RenderingModel.latinInput("didier"), RenderingModel.cyrillicInput("дидье")));
    }

    @Test
    void shouldGiveSeveralDistinctReadingsMostLikelyFirst() {
        RenderingModel m = RenderingModel.standard();
        List<String> readings = m.readings("william", 4);
        assertFalse(readings.isEmpty());
        assertTrue(readings.size() <= 4, readings.toString());
        assertEquals(readings.size(), new java.util.HashSet<>(readings).size(), readings.toString());
        assertEquals(readings.get(0), m.reading("william"));
        assertTrue(m.readings("иван", 4).isEmpty());
        assertTrue(m.readings("william", 0).isEmpty());
    }

    @Test
    void shouldAlignALetterTheTableNeverPairedAtAFixedPrice() {
        RenderingModel m = RenderingModel.standard();
        // "x" is never written as "ж" in the data: that one pair costs UNSEEN_COST, the rest is learned
        RenderingModel.Alignment a = m.align(RenderingModel.latinInput("maxim"), RenderingModel.cyrillicInput("мажим"));
        assertNotNull(a);
        assertTrue(a.segments().stream().anyMatch(s -> s.cost() == RenderingModel.UNSEEN_COST), a.describe());
        assertTrue(a.describe().contains("x→ж"), a.describe());
    }

    @Test
    void shouldFoldLettersTheModelDoesNotKnow() {
        assertEquals("^oleksandr$", RenderingModel.latinInput("Olęksandr"));
        assertEquals("^soren$", RenderingModel.latinInput("søren"));
        assertEquals("^абишев$", RenderingModel.cyrillicInput("Әбішев"));
        assertEquals("^семенов$", RenderingModel.cyrillicInput("Семёнов"));
    }

    /**
     * Held-out real renderings (never used to learn the model): the share of Latin/Russian token pairs that agree at
     * some level. Measured 2026-11-30 on this sample; the bar guards against a model or comparator regression.
     */
    @Test
    void shouldAgreeOnMostHeldOutRealRenderings() throws IOException {
        List<String[]> rows = heldOutRows();
        int agree = 0;
        StringBuilder missed = new StringBuilder();
        for (String[] r : rows) {
            NameToken latin = token(r[0]);
            NameToken cyrillic = token(r[1].replace(" ", ""));
            if (NAMES.compareTokens(latin, cyrillic).agrees()) {
                agree++;
            } else {
                missed.append(r[0]).append('/').append(r[1].replace(" ", "")).append(' ');
            }
        }
        assertEquals(300, rows.size());
        assertTrue(agree >= 0.9 * rows.size(), agree + " of " + rows.size() + " agree; missed: " + missed);
    }

    /**
     * The table of costs skips cells from which no alignment can end within the budget. Against the same table with
     * no budget (no cell skipped), on the held-out pairs and on mismatched ones: the answer within a budget, and the
     * cost and segments found, are unchanged, also for a budget equal to the cheapest alignment's cost.
     */
    @Test
    void shouldFindTheSameAlignmentsWithinABudgetAsWithout() throws IOException {
        RenderingModel model = RenderingModel.standard();
        List<String[]> rows = heldOutRows();
        int within = 0;
        int compared = 0;
        for (int i = 0; i < rows.size(); i++) {
            String latin = token(rows.get(i)[0]).frame();
            for (int shift = 0; shift < 3; shift++) {
                String cyrillic = token(rows.get((i + shift * 7) % rows.size())[1].replace(" ", ""))
                        .frame();
                // null: no alignment at all (the frame's ends cannot both be met)
                RenderingModel.Alignment free = model.align(latin, cyrillic, Double.POSITIVE_INFINITY);
                double cheapest = free == null ? Double.POSITIVE_INFINITY : free.cost();
                for (double budget : new double[] {10, 25, 40, 60, free == null ? 1e6 : cheapest}) {
                    compared++;
                    boolean expected = cheapest <= budget;
                    assertEquals(expected, model.alignsWithin(latin, cyrillic, budget), latin + " / " + cyrillic);
                    RenderingModel.Alignment bounded = model.align(latin, cyrillic, budget);
                    if (expected) {
                        within++;
                        assertEquals(free, bounded, latin + " / " + cyrillic + " within " + budget);
                    } else {
                        assertNull(bounded, latin + " / " + cyrillic + " within " + budget);
                    }
                }
            }
        }
        assertEquals(300 * 3 * 5, compared);
        assertTrue(within > compared / 10 && within < compared, within + " of " + compared + " within budget");
    }

    /** The held-out real renderings: Latin token, Russian token. */
    private List<String[]> heldOutRows() throws IOException {
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("reference/wikidata-names/held-out-sample.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("\t"))
                    .toList();
        }
    }
}
