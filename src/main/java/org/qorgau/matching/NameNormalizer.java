package org.qorgau.matching;

import com.ibm.icu.lang.UCharacter;
import java.text.Normalizer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Normalises a name the way Lucene chains token filters: each step is a small {@link UnaryOperator} and the chain
 * runs them in order. The result keeps the name's script (it does not transliterate); {@link CanonicalKey} does that.
 *
 * <p>Steps, in order:
 *
 * <ol>
 *   <li>{@link #NFKC} — compatibility composition (full-width letters, ligatures, precomposed Kazakh letters).
 *   <li>{@link #REMOVE_FORMAT_CHARACTERS} — drops Unicode category Cf (zero-width space/joiners, bidi controls, soft
 *       hyphen) which are invisible but break equality.
 *   <li>{@link #CAPITAL_LOOKALIKES} — in a word with Cyrillic letters, Latin capitals {@code T K M H B} that look like
 *       Cyrillic ones become Cyrillic (after folding they would no longer look alike).
 *   <li>{@link #CASE_FOLD} — full Unicode case folding, then NFKC again so the output is closed under the chain.
 *   <li>{@link #PUNCTUATION} — apostrophes vanish ({@code Il'in} is one token), any other non-letter becomes a space,
 *       whitespace collapses.
 *   <li>{@link #HOMOGLYPH_SKELETON} — per token, the majority script (Latin or Cyrillic) wins and look-alike letters of
 *       the other script ({@code a e o p c x y i} / {@code а е о р с х у і}; also {@code t k m h b} /
 *       {@code т к м н в}, which vote as letters of their script) are converted to it.
 * </ol>
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>{@code normalize(input)}</th></tr>
 *   <tr><td>{@code null}</td><td>{@code ""}</td></tr>
 *   <tr><td>{@code "  "}</td><td>{@code ""}</td></tr>
 *   <tr><td>{@code "НУРЛАН\u200B Абенов"}</td><td>{@code "нурлан абенов"}</td></tr>
 *   <tr><td>{@code "Ивaнов"} (Latin {@code a})</td><td>{@code "иванов"} (all Cyrillic)</td></tr>
 *   <tr><td>{@code "Pеtrov"} (Cyrillic {@code е})</td><td>{@code "petrov"} (all Latin)</td></tr>
 *   <tr><td>{@code "Анна-Мария"}</td><td>{@code "анна мария"}</td></tr>
 *   <tr><td>{@code "N. Abenov"}</td><td>{@code "n abenov"}</td></tr>
 * </table>
 *
 * <p>The chain is idempotent: {@code normalize(normalize(s)).equals(normalize(s))}.
 */
public final class NameNormalizer {

    /** Unicode NFKC. */
    public static final UnaryOperator<String> NFKC = s -> Normalizer.normalize(s, Normalizer.Form.NFKC);

    /** Removes every code point of general category Cf (format characters). */
    public static final UnaryOperator<String> REMOVE_FORMAT_CHARACTERS = s -> {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> Character.getType(cp) != Character.FORMAT).forEach(out::appendCodePoint);
        return out.toString();
    };

    /** Full Unicode case folding followed by NFKC (folding may decompose, e.g. {@code İ}). */
    public static final UnaryOperator<String> CASE_FOLD =
            s -> Normalizer.normalize(UCharacter.foldCase(s, true), Normalizer.Form.NFKC);

    /** Apostrophes vanish; every other character that is not a letter or combining mark becomes one space. */
    public static final UnaryOperator<String> PUNCTUATION = s -> {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isApostrophe(cp)) {
                continue;
            }
            if (Character.isLetter(cp) || isMark(cp)) {
                out.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int len = out.length();
        if (len > 0 && out.charAt(len - 1) == ' ') {
            out.setLength(len - 1);
        }
        return out.toString();
    };

    // Latin look-alike -> Cyrillic look-alike, same index. The first eight look alike in lower case and do not vote for
    // a token's script; the last five look alike only as capitals (T/Т, K/К, M/М, H/Н, B/В): in lower case they vote
    // like any other letter, and they are converted with the rest once the token's script is decided.
    private static final String LATIN_LOOKALIKES = "aeopcxyitkmhb";
    private static final String CYRILLIC_LOOKALIKES = "аеорсхуіткмнв";
    private static final int VOTELESS = 8;

    /**
     * Before case folding: in a word that contains a Cyrillic letter, the Latin capitals {@code T K M H B} become
     * {@code Т К М Н В} (after folding {@code t} no longer looks like {@code т}, so "Tарас" would otherwise end up
     * Latin).
     */
    public static final UnaryOperator<String> CAPITAL_LOOKALIKES = s -> {
        char[] chars = s.toCharArray();
        int i = 0;
        while (i < chars.length) {
            if (!Character.isLetter(chars[i])) {
                i++;
                continue;
            }
            int end = i;
            boolean cyrillic = false;
            while (end < chars.length && Character.isLetter(chars[end])) {
                cyrillic |= Character.UnicodeScript.of(chars[end]) == Character.UnicodeScript.CYRILLIC;
                end++;
            }
            if (cyrillic) {
                for (int k = i; k < end; k++) {
                    int at = "TKMHB".indexOf(chars[k]);
                    if (at >= 0) {
                        chars[k] = "ТКМНВ".charAt(at);
                    }
                }
            }
            i = end;
        }
        return new String(chars);
    };

    /** Per space-separated token, converts look-alike letters of the minority script to the majority script. */
    public static final UnaryOperator<String> HOMOGLYPH_SKELETON = s -> {
        String[] tokens = s.split(" ", -1);
        StringBuilder out = new StringBuilder(s.length());
        for (int t = 0; t < tokens.length; t++) {
            if (t > 0) {
                out.append(' ');
            }
            out.append(skeleton(tokens[t]));
        }
        return out.toString();
    };

    /**
     * Composes again what the skeleton left decomposed: Cyrillic {@code а} + U+0301 has no precomposed form, but once
     * mapped to Latin {@code a} it does ({@code á}); without this step a second normalisation would differ from the
     * first (found by HostileNamePropertiesTest).
     */
    public static final UnaryOperator<String> RECOMPOSE = s -> Normalizer.normalize(s, Normalizer.Form.NFC);

    private static final List<UnaryOperator<String>> CHAIN = List.of(
            NFKC, REMOVE_FORMAT_CHARACTERS, CAPITAL_LOOKALIKES, CASE_FOLD, PUNCTUATION, HOMOGLYPH_SKELETON, RECOMPOSE);

    private NameNormalizer() {}

    /** Runs the whole chain; never returns null. */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw;
        for (UnaryOperator<String> step : CHAIN) {
            s = step.apply(s);
        }
        return s;
    }

    static String skeleton(String token) {
        int latin = 0;
        int cyrillic = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int l = LATIN_LOOKALIKES.indexOf(c);
            int k = CYRILLIC_LOOKALIKES.indexOf(c);
            if ((l >= 0 && l < VOTELESS) || (k >= 0 && k < VOTELESS)) {
                continue; // look-alikes do not vote
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.LATIN) {
                latin++;
            } else if (script == Character.UnicodeScript.CYRILLIC) {
                cyrillic++;
            }
        }
        if (latin == cyrillic) {
            // Only look-alikes (or a tie): count the look-alikes themselves.
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                int l = LATIN_LOOKALIKES.indexOf(c);
                int k = CYRILLIC_LOOKALIKES.indexOf(c);
                if (l >= 0 && l < VOTELESS) {
                    latin++;
                } else if (k >= 0 && k < VOTELESS) {
                    cyrillic++;
                }
            }
        }
        // Ties (e.g. a mixed token of look-alikes only) go to Cyrillic, so the result is deterministic and stable.
        return latin > cyrillic
                ? replace(token, CYRILLIC_LOOKALIKES, LATIN_LOOKALIKES)
                : replace(token, LATIN_LOOKALIKES, CYRILLIC_LOOKALIKES);
    }

    private static String replace(String token, String from, String to) {
        char[] chars = token.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            int k = from.indexOf(chars[i]);
            if (k >= 0) {
                chars[i] = to.charAt(k);
            }
        }
        return new String(chars);
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\''
                || cp == '’'
                || cp == 'ʼ'
                || cp == '`'
                || cp == '‘'
                || cp == 'ʹ'
                || cp == '”'
                || cp == '"'
                || cp == '·';
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
