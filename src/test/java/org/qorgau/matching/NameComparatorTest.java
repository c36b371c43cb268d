package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameComparatorTest {

    static final NameComparator COMPARATOR = new NameComparator(MatchingParameters.loadDefault());

    static NameLevel level(String a, String b) {
        return COMPARATOR.compare(ParsedName.parse(a), ParsedName.parse(b)).level();
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // EXACT
                "Абенов Нурлан|Нурлан Абенов|EXACT",
                "Абенов Нурлан Серикович|АБЕНОВ нурлан серикович|EXACT",
                // Latin look-alikes pasted into Cyrillic, capital T included
                "Ивaнoв Tарас|Иванов Тарас|EXACT",
                // TRANSLITERATION_EQUAL
                "Nurlan Abenov|Абенов Нурлан|TRANSLITERATION_EQUAL",
                "Абенов Нурлан Серікұлы|Абенов Нурлан Серикович|TRANSLITERATION_EQUAL",
                "Abenov Nurlan Serik uly|Абенов Нурлан Серикович|TRANSLITERATION_EQUAL",
                // German-style spelling: sch for ж/ш, z for ц, s for з, w for в, j for й, ch for х
                "Sajzew Filipp Andreewitsch|Зайцев Филипп Андреевич|TRANSLITERATION_EQUAL",
                "Kasymow Jerschan Usenowitsch|Қасымов Ержан Үсенович|TRANSLITERATION_EQUAL",
                "Semjonow Jewgenij Jegorowitsch|Семёнов Евгений Егорович|TRANSLITERATION_EQUAL",
                "Muratkysy Asel|Мұратқызы Әсел|TRANSLITERATION_EQUAL",
                // scientific transliteration: x for х, j for й, c for ц
                "Zaxarov Jurij Nikolaevič|Захаров Юрий Николаевич|TRANSLITERATION_EQUAL",
                "Ivanov Mixail Evgenʹevič|Иванов Михаил Евгеньевич|TRANSLITERATION_EQUAL",
                "Sceglova Elena|Щеглова Елена|TRANSLITERATION_EQUAL",
                // Capital Latin look-alikes pasted into Cyrillic
                "Ивaнoв T\u200Eарас|Иванов Тарас|EXACT",
                // TYPO
                "Nurlam Abenov|Абенов Нурлан|TYPO",
                "Абенов Нурлна|Абенов Нурлан|TYPO",
                // one Cyrillic edit that is two in the canonical key (ианов = yanov)
                "Ианов Тарас|Иванов Тарас|TYPO",
                "Попова Зоц|Попова Зоя|TYPO",
                // one edit in a passport (ICAO) spelling that breaks a digraph
                "Omarov Zvhandos|Омаров Жандос|TYPO",
                // a substitution, not a gender form, although the collapsed keys differ by a final a
                "Яковлева Екатеринн|Яковлева Екатерина|TYPO",
                // a typo hid the patronymic-style surname from the parser
                "Ерланлы Бауыржан|Ерланұлы Бауыржан|TYPO",
                // PHONETIC
                "Arbalat Seitkazin|Ерболат Сейтказин|PHONETIC",
                // TOKEN_SUBSET
                "Nurlan Abenov|Абенов Нурлан Серикович|TOKEN_SUBSET",
                "Nurlan Bolat Abenov|Абенов Нурлан|TOKEN_SUBSET",
                // INITIALS
                "N. Abenov|Абенов Нурлан|INITIALS",
                "Zh. Tokhtarbekov|Тохтарбеков Жандос|INITIALS",
                "N. S. Abenov|Абенов Нурлан Серикович|INITIALS",
                // DIFFERENT
                "Абенов Ерлан|Абенов Нурлан|DIFFERENT",
                "Абенова Нурлан|Абенов Нурлан|DIFFERENT",
                "Петровская Александра|Петровский Александр|DIFFERENT",
                "Абенов Нурлан Ерланович|Абенов Нурлан Серикович|DIFFERENT",
                "Абенов Нурлан Серікқызы|Абенов Нурлан Серікұлы|DIFFERENT",
                "Абенов|Абенов Нурлан|DIFFERENT",
                "Iwanowa Anna|Иванов Анна|DIFFERENT",
                "Смирнова Елен|Смирнова Елена|DIFFERENT",
                "N. Z.|Абенов Нурлан|DIFFERENT",
                "|Абенов Нурлан|DIFFERENT",
            })
    void shouldReachTheExpectedLevel(String a, String b, NameLevel expected) {
        assertEquals(expected, level(a == null ? "" : a, b));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Erik Akhmetov|EXACT",
                "Эрик Ахметов|TRANSLITERATION_EQUAL",
                "Ахметов Ерлан|TOKEN_SUBSET",
                "Ахметов Ерлан Болатович|EXACT"
            })
    void shouldTakeTheBestOfAllRegistryNameForms(String probe, NameLevel expected) {
        ParsedName[] forms = {ParsedName.parse("Ахметов Ерлан Болатович"), ParsedName.parse("Erik Akhmetov")};
        NameComparison c = COMPARATOR.compareBest(ParsedName.parse(probe), forms);
        assertEquals(expected, c.level(), c.detail());
    }

    @Test
    void shouldCompareANameMadeOnlyOfPatronymicShapedTokensAsTwoNames() {
        // Соколович ends like -ович, Лоули like -ұлы: two surnames, not a name made of patronymics
        ParsedName serbian = ParsedName.parse("Соколович Лоули");
        assertEquals(2, serbian.core().length);
        assertEquals(0, serbian.patronymics().length);
        assertEquals(1, ParsedName.parse("Серикович").patronymics().length, "a single patronymic stays one");
        assertEquals(NameLevel.RENDERING, level("Соколович Лоули", "Sokolović Lawley"));
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of(SyntheticRegistry.SURNAMES),
                Arbitraries.of(SyntheticRegistry.MALE),
                Arbitraries.of(SyntheticRegistry.FEMALE),
                Arbitraries.of(SyntheticRegistry.SURNAMES)
                        .map(s -> Transliterator.transliterate(s, Transliterator.Scheme.ICAO_9303)),
                Arbitraries.of(SyntheticRegistry.MALE)
                        .map(s -> Transliterator.transliterate(s, Transliterator.Scheme.INFORMAL)),
                Arbitraries.of("Серикович", "Серікұлы", "Ерлановна", "N.", "Zh", "Абенова", "Abenov"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(9));
        return token.list().ofMinSize(0).ofMaxSize(4).map(l -> String.join(" ", l));
    }

    @Property(tries = 2000)
    void nameComparisonIsSymmetric(@ForAll("names") String a, @ForAll("names") String b) {
        assertEquals(level(a, b), level(b, a), a + " / " + b);
    }

    @Property(tries = 500)
    void everyNameAgreesExactlyWithItself(@ForAll("names") String a) {
        NameLevel l = level(a, a);
        if (ParsedName.parse(a).core().length > 0) {
            assertEquals(true, l == NameLevel.EXACT || l == NameLevel.INITIALS, a + " -> " + l);
        }
    }
}
