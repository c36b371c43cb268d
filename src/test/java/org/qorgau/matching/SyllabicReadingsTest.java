package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyllabicReadingsTest {

    private static final NameComparator NAMES = new NameComparator(MatchingParameters.loadDefault());

    private static NameToken token(String s) {
        return NameToken.of(NameNormalizer.normalize(s));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Qianzhi, цяньчжи",
        "Xiuzhen, сючжэнь",
        "Ziqi, цзыци",
        "Zexu, цзэсюй",
        "Zhongjing, чжунцзин",
        "Jiaxuan, цзясюань",
        "Qiyu, циюй",
        "Wang, ван",
        "Liu, лю",
        "Xian, сянь"
    })
    void shouldSpellPinyinByThePalladiusSystem(String pinyin, String russian) {
        assertEquals(russian, SyllabicReadings.palladius(pinyin));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Kouzou, кодзо",
        "Ryuuji, рюдзи",
        "Jinpu, дзимпу",
        "Hiroshi, хироси",
        "Tsuchiya, цутия",
        "Keisuke, кэйсукэ",
        "Matcha, маття",
        "Ten'yū, тэнъю",
        "Shunkyu, сюнкю"
    })
    void shouldSpellHepburnByThePolivanovSystem(String hepburn, String russian) {
        assertEquals(russian, SyllabicReadings.polivanov(hepburn));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"''", "Иван", "Peter", "Nurlan", "Yohji"})
    void shouldReadNothingThatIsNotASequenceOfSyllables(String token) {
        assertEquals("", SyllabicReadings.palladius(token));
        assertEquals("", SyllabicReadings.polivanov(token));
    }

    @Test
    void shouldLeaveHepburnOutOfPinyinAndPinyinOutOfHepburn() {
        assertEquals("", SyllabicReadings.polivanov("Zhongjing"));
        assertEquals("", SyllabicReadings.palladius("Hiroshi"));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({"Qianzhi, Цяньчжи", "Xiuzhen, Сючжэнь", "Jiang, Цзян", "Kouzou, Кодзо", "Ryuuji, Рюдзи"})
    void shouldLetTheSystemSpellingAgreeAsATransliterationInBothOrders(String latin, String cyrillic) {
        assertEquals(
                NameComparator.TokenLevel.TRANSLITERATION_EQUAL, NAMES.compareTokens(token(latin), token(cyrillic)));
        assertEquals(
                NameComparator.TokenLevel.TRANSLITERATION_EQUAL, NAMES.compareTokens(token(cyrillic), token(latin)));
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource({"Xiuzhen, Сюлань", "Zhang, Чжэн", "Kouzou, Кодзи"})
    void shouldNotLetAnotherSyllableAgree(String latin, String cyrillic) {
        assertNotEquals(
                NameComparator.TokenLevel.TRANSLITERATION_EQUAL, NAMES.compareTokens(token(latin), token(cyrillic)));
    }

    @Test
    void shouldPutTheSystemSpellingFirstAmongTheReadingsTheIndexPosts() {
        assertEquals(CanonicalKey.of("цяньчжи"), token("Qianzhi").readings().get(0));
    }
}
