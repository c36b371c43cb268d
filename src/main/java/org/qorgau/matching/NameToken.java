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
 * @param scientific the key under the scientific/chat reading of a Latin token ({@link CanonicalKey#scientific}), or
 *     {@code ""} when it is the same as {@code key}
 * @param german the coarse key under the German reading of a Latin token ({@link CanonicalKey#german}), or {@code ""}
 * @param coarse {@link CanonicalKey#coarse} of {@code key}, what a German reading is compared with
 * @param spelling a plain Latin letter-for-letter spelling (Cyrillic: ICAO Doc 9303 with Kazakh letters to their base
 *     letter; Latin: the text without diacritics), on which a typo made in a passport-style spelling is one edit
 * @param frame the token as the learned rendering model reads it ({@link RenderingModel#latinInput} for a Latin token,
 *     {@link RenderingModel#cyrillicInput} for a Cyrillic one, {@code ""} otherwise)
 * @param reading for a Latin token, the canonical key of its most likely Russian rendering that differs from its own
 *     key ({@link RenderingModel#reading}: {@code didier} reads {@code дидье}, key {@code didie}), or {@code ""} when
 *     there is none or the token is not Latin (the first learned one of {@code readings})
 * @param readings for a Latin token, the canonical keys of its {@value #READINGS} most likely Russian renderings
 *     ({@link RenderingModel#readings}), distinct, most likely first, the token's own key left out, preceded by its
 *     {@code syllabic} readings when it has any; otherwise empty
 * @param syllabic for a Latin token that is Chinese pinyin or Japanese Hepburn, the canonical keys of its Russian
 *     spelling by the Palladius or Polivanov system ({@link SyllabicReadings}: {@code Qianzhi} is {@code Цяньчжи}),
 *     the token's own key left out; otherwise empty
 */
public record NameToken(
        String text,
        String key,
        String phonetic,
        boolean initial,
        boolean patronymic,
        String stem,
        boolean female,
        String scientific,
        String german,
        String coarse,
        String spelling,
        String frame,
        String reading,
        java.util.List<String> readings,
        java.util.List<String> syllabic) {

    /** How many Russian readings of a Latin token are kept (the comparator's gate tries each). */
    public static final int READINGS = 4;

    // Patronymic suffixes on the canonical key, male then female. Order matters: longest first.
    private static final String[] MALE_SUFFIXES = {"ovic", "evic", "uli", "ogli"};
    private static final String[] FEMALE_SUFFIXES = {"ovna", "evna", "icna", "kizi", "gizi", "kisi", "gisi"};

    /** Separate Kazakh/Turkic patronymic words that follow the father's name: {@code Серік ұлы}, {@code Serik kyzy}. */
    static boolean isPatronymicWord(String key) {
        return key.equals("uli")
                || key.equals("kizi")
                || key.equals("ogli")
                || key.equals("gizi")
                || key.equals("kisi")
                || key.equals("gisi");
    }

    /** A token with its alternative readings and spelling derived from {@code text} and {@code key}. */
    private static NameToken make(
            String text, String key, boolean initial, boolean patronymic, String stem, boolean female) {
        java.util.List<String> learned = readings(text, key);
        java.util.List<String> syllabic = syllabic(text, key);
        // The syllabic readings come first, so that the candidate index, which posts a Latin token's first readings,
        // brings a Chinese or Japanese name to its Russian spelling; the gate tries them all.
        java.util.List<String> readings = learned;
        if (!syllabic.isEmpty()) {
            java.util.List<String> all = new java.util.ArrayList<>(syllabic);
            learned.stream().filter(r -> !all.contains(r)).forEach(all::add);
            readings = java.util.List.copyOf(all);
        }
        return new NameToken(
                text,
                key,
                CanonicalKey.phonetic(key),
                initial,
                patronymic,
                stem,
                female,
                CanonicalKey.scientific(text),
                CanonicalKey.german(text),
                CanonicalKey.coarse(key),
                spelling(text),
                frame(text),
                learned.isEmpty() ? "" : learned.get(0),
                readings,
                syllabic);
    }

    /** See the record's {@code syllabic}. */
    static java.util.List<String> syllabic(String text, String key) {
        if (!CanonicalKey.isLatinToken(text)) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>(2);
        for (String r : SyllabicReadings.of(text)) {
            String k = CanonicalKey.of(r);
            if (!k.isEmpty() && !k.equals(key) && !out.contains(k)) {
                out.add(k);
            }
        }
        return java.util.List.copyOf(out);
    }

    /** See the record's {@code readings}. */
    static java.util.List<String> readings(String text, String key) {
        if (!CanonicalKey.isLatinToken(text)) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>(READINGS);
        for (String r : RenderingModel.standard().readings(text, READINGS)) {
            String k = CanonicalKey.of(r);
            if (!k.isEmpty() && !k.equals(key) && !out.contains(k)) {
                out.add(k);
            }
        }
        return java.util.List.copyOf(out);
    }

    /** Whether the rendering model reads this token as Latin input: its frame's first symbol is below U+0400. */
    boolean latinFrame() {
        return !frame.isEmpty() && frame.charAt(1) < '\u0400';
    }

    /** See the record's {@code frame}. */
    static String frame(String text) {
        String latin = RenderingModel.latinInput(text);
        return latin.isEmpty() ? RenderingModel.cyrillicInput(text) : latin;
    }

    /** Plain Latin spelling, see the record's Javadoc. */
    static String spelling(String text) {
        String latin = Transliterator.transliterate(text, Transliterator.Scheme.ICAO_9303);
        StringBuilder out = new StringBuilder(latin.length());
        String decomposed = java.text.Normalizer.normalize(latin, java.text.Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(c == 'ı' ? 'i' : c);
        }
        return out.toString();
    }

    /** Builds a token from a normalised single word. */
    public static NameToken of(String text) {
        String key = CanonicalKey.of(text);
        // A single letter, or a digraph standing for one letter (Zh., Sh., Ch., Kh.).
        boolean initial = text.codePointCount(0, text.length()) == 1 || key.length() == 1;
        for (String suffix : MALE_SUFFIXES) {
            if (key.endsWith(suffix) && key.length() - suffix.length() >= 2) {
                String stem = key.substring(0, key.length() - suffix.length());
                return make(text, key, false, true, stem, false);
            }
        }
        for (String suffix : FEMALE_SUFFIXES) {
            if (key.endsWith(suffix) && key.length() - suffix.length() >= 2) {
                String stem = key.substring(0, key.length() - suffix.length());
                return make(text, key, false, true, stem, true);
            }
        }
        return make(text, key, initial, false, key, false);
    }

    /** Builds the patronymic made of a father's name followed by a separate {@code ұлы}/{@code қызы} word. */
    static NameToken separatePatronymic(NameToken father, NameToken word) {
        String text = father.text() + " " + word.text();
        String key = father.key() + word.key();
        boolean female = !word.key().equals("uli") && !word.key().equals("ogli");
        return make(text, key, false, true, father.key(), female);
    }
}
