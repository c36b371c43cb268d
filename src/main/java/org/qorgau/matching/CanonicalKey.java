package org.qorgau.matching;

import java.text.Normalizer;

/**
 * Reduces one normalised name token, Cyrillic (Russian or Kazakh) or Latin in any common romanisation, to a
 * "phonetic-ish Latin key" so that the transliterations of one name compare equal: {@code Нұрлан}, {@code Нурлан},
 * {@code Nurlan} and {@code Nūrlan} all give {@code nurlan}.
 *
 * <p>The key is a string over a private alphabet of one symbol per sound: vowels {@code a e o u i}, iota {@code y},
 * {@code j} = ж, {@code x} = ш and щ, {@code c} = ч, {@code q} = ц, {@code h} = х/һ; other letters stand for
 * themselves. Both sides of a comparison go through the same function, so the choice of symbols only has to be
 * consistent, not pretty. Steps:
 *
 * <ol>
 *   <li>Cyrillic letters map to symbols directly (тс→q like ц, ә→a, ғ→g, қ→k, ң→n, ө→o, ұ ү→u, һ→h, і→i, ё→yo, ю→yu, я→ya, й ы→y,
 *       ь ъ vanish).
 *   <li>Latin sequences map greedily, longest first: {@code schtsch shch šč sch sh ş š}→x; {@code tsch tch ch ç č}→c;
 *       {@code dzh zh ž}→j; {@code kh}→h, {@code x}→ks between vowels (Maxim) and h elsewhere (Xasanov, Axmetov); {@code ts tz} (not before h)→q; {@code c} before e/i/y→q,
 *       else k; {@code q ck}→k; {@code gh ğ}→g; {@code w}→v; {@code ph}→f; {@code ä}→a, {@code ö}→o, {@code ü ū}→u,
 *       {@code ı ī}→i, {@code ñ}→n, {@code ng} before a consonant or at the end→n; a {@code j} after a vowel and not
 *       before one is iota ({@code Sergej}, {@code Jurij}); other diacritics are dropped.
 *   <li>Runs of {@code i}/{@code y}: before {@code e} they vanish ({@code Yelena}=Elena, {@code Vasilyeva}=Vasileva);
 *       with a following {@code o} they become {@code e} (ё: {@code Fyodor}=Fedor); before {@code a}/{@code u} they
 *       become {@code y} at the start or after a vowel ({@code Iulia}=Yulia, {@code Gaia}=Gaya) and {@code i} after a
 *       consonant ({@code Mariya}=Mariia=Maria); elsewhere they become {@code i} ({@code Yuriy}=Iurii=Yuri,
 *       {@code Andrey}=Andrei).
 *   <li>Doubled symbols collapse ({@code Zhanna}=Jana).
 * </ol>
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>{@code of(input)}</th></tr>
 *   <tr><td>{@code ""}</td><td>{@code ""}</td></tr>
 *   <tr><td>{@code "жанна"}, {@code "zhanna"}, {@code "janna"}</td><td>{@code "jana"}</td></tr>
 *   <tr><td>{@code "shanna"} (German-style ж)</td><td>{@code "xana"} (one edit from {@code jana})</td></tr>
 *   <tr><td>{@code "щукин"}, {@code "shchukin"}, {@code "schtschukin"}</td><td>{@code "xukin"}</td></tr>
 *   <tr><td>{@code "хасанов"}, {@code "khasanov"}, {@code "hasanov"}, {@code "xasanov"}</td><td>{@code "hasanov"}</td></tr>
 *   <tr><td>{@code "қайрат"}, {@code "kairat"}, {@code "qairat"}, {@code "qayrat"}</td><td>{@code "kairat"}</td></tr>
 *   <tr><td>{@code "иванов"} vs {@code "иванова"}</td><td>{@code "ivanov"} vs {@code "ivanova"} (gender kept)</td></tr>
 * </table>
 */
public final class CanonicalKey {

    private CanonicalKey() {}

    /** The canonical key of one normalised token (lower case, one script, no spaces). */
    public static String of(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        StringBuilder sym = new StringBuilder(token.length() + 4);
        String s = token;
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            String cyr = cyrillic(c);
            if (c == 'т' && i + 1 < n && s.charAt(i + 1) == 'с') {
                sym.append('q'); // тс sounds and is romanised as ц (ts)
                i += 2;
                continue;
            }
            if (cyr != null) {
                sym.append(cyr);
                i++;
                continue;
            }
            i += latin(s, i, sym);
        }
        return collapse(iota(sym));
    }

    /**
     * The key under the "scientific / chat" reading of a Latin token, or {@code ""} when it equals {@link #of}: {@code x}
     * is always х ({@code Mixail}, {@code Zaxarov}), {@code j} is always й ({@code Jurij}, {@code Julija}), {@code c}
     * is ц unless it starts {@code ch} (ч), and {@code sc} not followed by {@code h} is щ ({@code Sceglova}). The
     * default reading takes {@code x} between vowels as ks (Maxim) and {@code j} before a vowel as ж (Kazakh 2021
     * Latin, informal); both readings are kept and either may agree.
     *
     * <table>
     *   <caption>Edge cases</caption>
     *   <tr><th>input</th><th>{@code scientific(input)}</th></tr>
     *   <tr><td>{@code "mixail"}</td><td>{@code "mihail"} (default reading: {@code miksail})</td></tr>
     *   <tr><td>{@code "julija"}</td><td>{@code "yulia"}</td></tr>
     *   <tr><td>{@code "nurlan"}</td><td>{@code ""} (same as the default reading)</td></tr>
     *   <tr><td>{@code "нұрлан"} (Cyrillic)</td><td>{@code ""}</td></tr>
     * </table>
     */
    public static String scientific(String token) {
        if (!isLatinToken(token)) {
            return "";
        }
        StringBuilder sym = new StringBuilder(token.length() + 4);
        int n = token.length();
        for (int i = 0; i < n; ) {
            char c = token.charAt(i);
            if (c == 's' && i + 1 < n && token.charAt(i + 1) == 'c' && (i + 2 >= n || token.charAt(i + 2) != 'h')) {
                sym.append('x');
                i += 2;
            } else if (c == 'x') {
                sym.append('h');
                i++;
            } else if (c == 'j') {
                sym.append('y');
                i++;
            } else if (c == 'c' && !(i + 1 < n && token.charAt(i + 1) == 'h')) {
                sym.append('q');
                i++;
            } else {
                i += latin(token, i, sym);
            }
        }
        String key = collapse(iota(sym));
        return key.equals(of(token)) ? "" : key;
    }

    /**
     * The coarse key under the German reading of a Latin token, or {@code ""} for a Cyrillic token. German spelling
     * writes ж and ш both as {@code sch}, з and с both as {@code s}, so it cannot be read back exactly; the reading maps
     * {@code schtsch}→щ, {@code tsch}→ч, {@code sch}→ш, {@code ch}→х, {@code z}→ц, {@code w}→в, {@code j}→й, and the
     * result is compared with the other token's {@link #coarse} key, which merges ж/ш and з/с the same way.
     *
     * <table>
     *   <caption>Edge cases</caption>
     *   <tr><th>input</th><th>{@code german(input)}</th><th>matches</th></tr>
     *   <tr><td>{@code "sajzew"}</td><td>{@code "saiqev"}</td><td>Зайцев ({@code coarse("zaiqev")})</td></tr>
     *   <tr><td>{@code "jerschan"}</td><td>{@code "erxan"}</td><td>Ержан ({@code coarse("erjan")})</td></tr>
     *   <tr><td>{@code "michail"}</td><td>{@code "mihail"}</td><td>Михаил</td></tr>
     *   <tr><td>{@code "иван"}</td><td>{@code ""}</td><td></td></tr>
     * </table>
     */
    public static String german(String token) {
        if (!isLatinToken(token)) {
            return "";
        }
        StringBuilder sym = new StringBuilder(token.length() + 4);
        int n = token.length();
        for (int i = 0; i < n; ) {
            if (token.startsWith("schtsch", i)) {
                sym.append('x');
                i += 7;
            } else if (token.startsWith("tsch", i)) {
                sym.append('c');
                i += 4;
            } else if (token.startsWith("sch", i)) {
                sym.append('x');
                i += 3;
            } else if (token.startsWith("ch", i)) {
                sym.append('h');
                i += 2;
            } else if (token.charAt(i) == 'z') {
                sym.append('q');
                i++;
            } else if (token.charAt(i) == 'j') {
                sym.append('y');
                i++;
            } else if (token.charAt(i) == 'ß') {
                sym.append('s');
                i++;
            } else {
                i += latin(token, i, sym);
            }
        }
        return coarse(collapse(iota(sym)));
    }

    /** A key with ж merged into ш and з into с (the distinctions German spelling does not write), doubles collapsed. */
    public static String coarse(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            char d = c == 'j' ? 'x' : c == 'z' ? 's' : c;
            if (out.length() == 0 || out.charAt(out.length() - 1) != d) {
                out.append(d);
            }
        }
        return out.toString();
    }

    /** Whether a normalised token is written in Latin letters (no Cyrillic letter in it). */
    static boolean isLatinToken(String token) {
        boolean latin = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '\u0400' && c <= '\u04ff') {
                return false;
            }
            latin |= Character.isLetter(c);
        }
        return latin;
    }

    /**
     * A coarser key: first symbol, then consonants only, voiced consonants merged with their voiceless pairs. Used for
     * the PHONETIC level and as an index key.
     *
     * <table>
     *   <caption>Edge cases</caption>
     *   <tr><th>key</th><th>{@code phonetic(key)}</th></tr>
     *   <tr><td>{@code ""}</td><td>{@code ""}</td></tr>
     *   <tr><td>{@code "nurlan"}</td><td>{@code "nrln"}</td></tr>
     *   <tr><td>{@code "aliya"}</td><td>{@code "al"}</td></tr>
     *   <tr><td>{@code "ivanov"} / {@code "ivanova"}</td><td>{@code "ifnf"} (both: gender is checked separately)</td></tr>
     * </table>
     */
    public static String phonetic(String key) {
        if (key.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(key.length());
        out.append(devoice(key.charAt(0)));
        char last = out.charAt(0);
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isVowel(c) || c == 'y') {
                continue;
            }
            char d = devoice(c);
            if (d != last) {
                out.append(d);
                last = d;
            }
        }
        return out.toString();
    }

    private static char devoice(char c) {
        switch (c) {
            case 'b':
                return 'p';
            case 'd':
                return 't';
            case 'g':
                return 'k';
            case 'z':
                return 's';
            case 'v':
                return 'f';
            case 'j':
                return 'x';
            case 'q':
                return 's';
            case 'y':
                return 'i';
            case 'e':
            case 'o':
            case 'u':
                return 'a';
            default:
                return c;
        }
    }

    static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'o' || c == 'u' || c == 'i';
    }

    private static String cyrillic(char c) {
        switch (c) {
            case 'а':
            case 'ә':
                return "a";
            case 'б':
                return "b";
            case 'в':
                return "v";
            case 'г':
            case 'ғ':
                return "g";
            case 'д':
                return "d";
            case 'е':
            case 'э':
            case 'є':
                return "e";
            case 'ё':
                return "yo";
            case 'ж':
                return "j";
            case 'з':
                return "z";
            case 'и':
            case 'і':
            case 'ї':
                return "i";
            case 'й':
            case 'ы':
                return "y";
            case 'к':
            case 'қ':
                return "k";
            case 'л':
                return "l";
            case 'м':
                return "m";
            case 'н':
            case 'ң':
                return "n";
            case 'о':
            case 'ө':
                return "o";
            case 'п':
                return "p";
            case 'р':
                return "r";
            case 'с':
                return "s";
            case 'т':
                return "t";
            case 'у':
            case 'ұ':
            case 'ү':
            case 'ў':
                return "u";
            case 'ф':
                return "f";
            case 'х':
            case 'һ':
                return "h";
            case 'ц':
                return "q";
            case 'ч':
                return "c";
            case 'ш':
            case 'щ':
                return "x";
            case 'ъ':
            case 'ь':
                return "";
            case 'ю':
                return "yu";
            case 'я':
                return "ya";
            default:
                return null;
        }
    }

    /** Appends the symbols for the Latin sequence at {@code i}; returns how many chars it consumed. */
    private static int latin(String s, int i, StringBuilder sym) {
        if (startsWith(s, i, "schtsch")) {
            sym.append('x');
            return 7;
        }
        if (startsWith(s, i, "shch") || startsWith(s, i, "tsch")) {
            sym.append(s.charAt(i) == 's' ? 'x' : 'c');
            return 4;
        }
        if (startsWith(s, i, "šč")) {
            sym.append('x');
            return 2;
        }
        if (startsWith(s, i, "sch") || startsWith(s, i, "shh")) {
            sym.append('x');
            return 3;
        }
        if (startsWith(s, i, "tch")) {
            sym.append('c');
            return 3;
        }
        if (startsWith(s, i, "dzh")) {
            sym.append('j');
            return 3;
        }
        if (i + 1 < s.length()) {
            char c0 = s.charAt(i);
            char c1 = s.charAt(i + 1);
            String two = null;
            if (c1 == 'h') {
                switch (c0) {
                    case 's':
                        two = "x";
                        break;
                    case 'c':
                        two = "c";
                        break;
                    case 'z':
                        two = "j";
                        break;
                    case 'k':
                        two = "h";
                        break;
                    case 'g':
                        two = "g";
                        break;
                    case 'p':
                        two = "f";
                        break;
                    default:
                        break;
                }
            } else if (c0 == 't' && (c1 == 's' || c1 == 'z') && (i + 2 >= s.length() || s.charAt(i + 2) != 'h')) {
                two = "q";
            } else if (c0 == 'c' && c1 == 'k') {
                two = "k";
            } else if (c0 == 'n' && c1 == 'g' && (i + 2 >= s.length() || !isLatinVowel(s.charAt(i + 2)))) {
                two = "n";
            }
            if (two != null) {
                sym.append(two);
                return 2;
            }
        }
        char c = s.charAt(i);
        switch (c) {
            case 'x':
                // x is х in Kazakh/Uzbek Latin and scientific romanisation (Xasanov, Axmetov, Muxtar) and ks in
                // English-style spellings between vowels (Maxim, Alexander).
                boolean betweenVowels =
                        i > 0 && isLatinVowel(s.charAt(i - 1)) && i + 1 < s.length() && isLatinVowel(s.charAt(i + 1));
                sym.append(betweenVowels ? "ks" : "h");
                return 1;
            case 'c':
                boolean soft = i + 1 < s.length() && "eiy".indexOf(s.charAt(i + 1)) >= 0;
                sym.append(soft ? 'q' : 'k');
                return 1;
            case 'q':
                sym.append('k');
                return 1;
            case 'w':
                sym.append('v');
                return 1;
            case 'j':
                boolean afterVowel = i > 0 && isLatinVowel(s.charAt(i - 1));
                boolean beforeVowel = i + 1 < s.length() && isLatinVowel(s.charAt(i + 1));
                sym.append(afterVowel && !beforeVowel ? 'y' : 'j');
                return 1;
            case 'ş':
            case 'š':
            case 'ŝ':
                sym.append('x');
                return 1;
            case 'ç':
            case 'č':
                sym.append('c');
                return 1;
            case 'ž':
                sym.append('j');
                return 1;
            case 'ğ':
                sym.append('g');
                return 1;
            case 'ı':
            case 'ī':
            case 'ì':
            case 'í':
                sym.append('i');
                return 1;
            case 'ä':
            case 'æ':
            case 'á':
            case 'à':
            case 'â':
                sym.append('a');
                return 1;
            case 'ö':
            case 'ø':
            case 'ó':
            case 'ò':
                sym.append('o');
                return 1;
            case 'ü':
            case 'ū':
            case 'ú':
            case 'ù':
                sym.append('u');
                return 1;
            case 'ñ':
                sym.append('n');
                return 1;
            case 'é':
            case 'è':
            case 'ë':
            case 'ê':
                sym.append('e');
                return 1;
            case '·':
                return 1;
            default:
                if (c >= 'a' && c <= 'z') {
                    sym.append(c);
                    return 1;
                }
                // Other diacritics: strip combining marks; anything else (digits, other scripts) is kept as is.
                String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                for (int k = 0; k < base.length(); k++) {
                    char b = base.charAt(k);
                    if (Character.getType(b) != Character.NON_SPACING_MARK) {
                        sym.append(b);
                    }
                }
                return 1;
        }
    }

    private static boolean isLatinVowel(char c) {
        return "aeiouyäöüūıīéёeаеиоуыэюяё".indexOf(c) >= 0;
    }

    private static boolean startsWith(String s, int i, String prefix) {
        return s.startsWith(prefix, i);
    }

    /** Rewrites runs of i/y (iota) by position, see class Javadoc. */
    private static StringBuilder iota(StringBuilder in) {
        StringBuilder out = new StringBuilder(in.length());
        int n = in.length();
        int i = 0;
        while (i < n) {
            char c = in.charAt(i);
            if (c != 'i' && c != 'y') {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < n && (in.charAt(end) == 'i' || in.charAt(end) == 'y')) {
                end++;
            }
            char next = end < n ? in.charAt(end) : 0;
            char prev = out.length() > 0 ? out.charAt(out.length() - 1) : 0;
            boolean prevVowelOrStart = prev == 0 || isVowel(prev);
            if (next == 'e') {
                // iota before e vanishes: ye = e
            } else if (next == 'o') {
                out.append('e'); // ё
                end++;
            } else if (next == 'a' || next == 'u') {
                out.append(prevVowelOrStart ? 'y' : 'i');
            } else {
                out.append('i');
            }
            i = end;
        }
        return out;
    }

    private static String collapse(StringBuilder in) {
        StringBuilder out = new StringBuilder(in.length());
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (out.length() == 0 || out.charAt(out.length() - 1) != c) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
