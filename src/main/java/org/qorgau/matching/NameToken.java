package org.qorgau.matching;

/**
 * One token of a parsed name with everything the comparators need precomputed once.
 *
 * @param text the normalised token in its own script ({@link NameNormalizer})
 * @param key the canonical Latin key ({@link CanonicalKey#of})
 * @param phonetic the coarse phonetic key ({@link CanonicalKey#phonetic})
 * @param initial whether the token is an initial: one letter, or a digraph for one letter ({@code Zh})
 * @param patronymic whether the token is a patronymic ({@code -ович}, {@code -овна}, {@code -ұлы}, {@code кызы}, ...)
 * @param stem for a patronymic, the key of the father's name ({@code serik} for {@code Серикович} and
 *     {@code Серікұлы}); otherwise the key itself
 * @param female for a patronymic, whether it is the female form ({@code -овна}, {@code -қызы})
 */
public record NameToken(
        String text, String key, String phonetic, boolean initial, boolean patronymic, String stem, boolean female) {

    // Patronymic suffixes on the canonical key, male then female. Order matters: longest first.
    private static final String[] MALE_SUFFIXES = {"ovic", "evic", "uli", "ogli"};
    private static final String[] FEMALE_SUFFIXES = {"ovna", "evna", "icna", "kizi", "gizi"};

    /** Separate Kazakh/Turkic patronymic words that follow the father's name: {@code Серік ұлы}, {@code Serik kyzy}. */
    static boolean isPatronymicWord(String key) {
        return key.equals("uli") || key.equals("kizi") || key.equals("ogli") || key.equals("gizi");
    }

    /** Builds a token from a normalised single word. */
    public static NameToken of(String text) {
        String key = CanonicalKey.of(text);
        // A single letter, or a digraph standing for one letter (Zh., Sh., Ch., Kh.).
        boolean initial = text.codePointCount(0, text.length()) == 1 || key.length() == 1;
        for (String suffix : MALE_SUFFIXES) {
            if (key.endsWith(suffix) && key.length() - suffix.length() >= 2) {
                String stem = key.substring(0, key.length() - suffix.length());
                return new NameToken(text, key, CanonicalKey.phonetic(key), false, true, stem, false);
            }
        }
        for (String suffix : FEMALE_SUFFIXES) {
            if (key.endsWith(suffix) && key.length() - suffix.length() >= 2) {
                String stem = key.substring(0, key.length() - suffix.length());
                return new NameToken(text, key, CanonicalKey.phonetic(key), false, true, stem, true);
            }
        }
        return new NameToken(text, key, CanonicalKey.phonetic(key), initial, false, key, false);
    }

    /** Builds the patronymic made of a father's name followed by a separate {@code ұлы}/{@code қызы} word. */
    static NameToken separatePatronymic(NameToken father, NameToken word) {
        String text = father.text() + " " + word.text();
        String key = father.key() + word.key();
        boolean female = word.key().equals("kizi") || word.key().equals("gizi");
        return new NameToken(text, key, CanonicalKey.phonetic(key), false, true, father.key(), female);
    }
}
