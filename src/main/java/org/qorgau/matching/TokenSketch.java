package org.qorgau.matching;

import java.util.List;

/**
 * What {@link NameComparator#surelyDifferent} reads of two tokens instead of the tokens themselves: the sets of
 * characters ({@link EditDistance#characters}) of every string the comparator may compare, and a hash of the phonetic
 * key. Registry tokens' sketches lie in one array by token id, five longs each, so that most pairs of different names
 * are told apart with one read of memory where comparing the tokens reads several objects far apart.
 *
 * <p>Only a registry token written in Cyrillic letters alone has a sketch that settles anything: it has no Latin
 * readings (scientific, German, syllabic or learned), so the strings the comparator may use on its side are its text,
 * canonical key, coarse key and Latin spelling. A probe token's sketch ({@link Probe}) has every string of its own.
 */
final class TokenSketch {

    /** Longs per registry token. */
    static final int LONGS = 5;

    static final int KEY = 0;
    static final int TEXT = 1;
    static final int COARSE = 2;
    static final int SPELLING = 3;
    // the phonetic key's hash shifted left, with the low bit set for a full token in Cyrillic letters only; 0 otherwise
    static final int META = 4;

    private TokenSketch() {}

    /** Writes registry token {@code t}'s sketch at {@code out[at .. at + LONGS)}. */
    static void write(NameToken t, long[] out, int at) {
        out[at + KEY] = EditDistance.characters(t.key());
        out[at + TEXT] = EditDistance.characters(t.text());
        out[at + COARSE] = EditDistance.characters(t.coarse());
        out[at + SPELLING] = EditDistance.characters(t.spelling());
        out[at + META] = cyrillicOnly(t) ? (long) t.phonetic().hashCode() << 1 | 1 : 0;
    }

    /**
     * A probe token's sketch. {@code full} is false for an initial, which is always compared; {@code cyrillicText}: the
     * text starts at or above U+0400, so the comparator compares it with a Cyrillic text in one script (texts, not
     * Latin spellings); {@code latinFrame}: the rendering model may align it with a Cyrillic token. A string's
     * characters are 0 only when it is empty (the scientific and German readings of a token that is not Latin).
     */
    record Probe(
            boolean full,
            boolean cyrillicText,
            boolean latinFrame,
            int phonetic,
            long key,
            long text,
            long spelling,
            long scientific,
            long german,
            long[] syllabic,
            long[] readings) {

        static Probe of(NameToken t) {
            boolean full = !t.initial() && !t.text().isEmpty();
            return new Probe(
                    full,
                    full && t.text().charAt(0) >= '\u0400',
                    t.latinFrame(),
                    t.phonetic().hashCode(),
                    EditDistance.characters(t.key()),
                    EditDistance.characters(t.text()),
                    EditDistance.characters(t.spelling()),
                    EditDistance.characters(t.scientific()),
                    EditDistance.characters(t.german()),
                    characters(t.syllabic()),
                    characters(t.readings()));
        }

        static Probe[] of(NameToken[] tokens) {
            Probe[] out = new Probe[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                out[i] = of(tokens[i]);
            }
            return out;
        }

        /** The character sets of the non-empty strings (the comparator skips empty readings). */
        private static long[] characters(List<String> strings) {
            long[] out = new long[strings.size()];
            int n = 0;
            for (String s : strings) {
                if (!s.isEmpty()) {
                    out[n++] = EditDistance.characters(s);
                }
            }
            return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        }
    }

    /**
     * A full token whose text is Cyrillic letters only, with a Cyrillic frame: it has no Latin readings, and only a
     * token with a Latin frame may be aligned with it through the rendering model.
     */
    private static boolean cyrillicOnly(NameToken t) {
        String text = t.text();
        if (t.initial() || text.isEmpty() || t.latinFrame()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '\u0400' || c > '\u04ff' || !Character.isLetter(c)) {
                return false;
            }
        }
        return true;
    }
}
