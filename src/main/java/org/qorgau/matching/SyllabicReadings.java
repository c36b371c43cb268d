package org.qorgau.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Russian spelling of a Chinese or Japanese name written in its standard romanisation, by the fixed syllable
 * tables Russian uses: Chinese pinyin by the Palladius system ({@code Qianzhi → Цяньчжи}, {@code Xiuzhen →
 * Сючжэнь}, {@code Ziqi → Цзыци}) and Japanese Hepburn by the Polivanov system ({@code Kouzou → Кодзо}, {@code Ryuuji
 * → Рюдзи}, {@code Jinpu → Дзимпу}). These names are written syllable by syllable, not letter by letter, so a letter
 * model learned from every language misses their regular correspondences ({@code zh → чж}, {@code ian → янь},
 * {@code shi → си}, {@code ji → дзи}); the tables are the published systems, not data.
 *
 * <p>A token is read only when the whole of it is a sequence of valid syllables of that romanisation (pinyin: initial
 * and final allowed together; Hepburn: consonant, optional {@code y}, vowel, syllabic {@code n}, doubled consonants).
 * Among segmentations the one with the fewest syllables is taken ({@code xian}, not {@code xi'an}); an apostrophe is a
 * syllable boundary.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>{@link #palladius}</th><th>{@link #polivanov}</th></tr>
 *   <tr><td>{@code ""}, {@code Иван}</td><td>{@code ""}</td><td>{@code ""}</td></tr>
 *   <tr><td>{@code Zhongjing}</td><td>{@code чжунцзин}</td><td>{@code ""} (not Hepburn)</td></tr>
 *   <tr><td>{@code Hiroshi}</td><td>{@code ""} (not pinyin)</td><td>{@code хироси}</td></tr>
 *   <tr><td>{@code Kouzou}</td><td>{@code коуцзоу} (also pinyin)</td><td>{@code кодзо} (long vowels written once)</td></tr>
 *   <tr><td>{@code Qiyu}</td><td>{@code циюй}</td><td>{@code ""}</td></tr>
 *   <tr><td>{@code Ten'yū}</td><td>{@code ""}</td><td>{@code тэнъю}</td></tr>
 *   <tr><td>{@code Peter}</td><td>{@code ""}</td><td>{@code ""}</td></tr>
 * </table>
 */
public final class SyllabicReadings {

    private SyllabicReadings() {}

    // ---- Chinese pinyin -> Palladius ----

    private static final String[] PINYIN_INITIALS = {
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y",
        "w", ""
    };

    private static final Map<String, String> PINYIN_INITIAL_CYRILLIC = Map.ofEntries(
            Map.entry("zh", "чж"),
            Map.entry("ch", "ч"),
            Map.entry("sh", "ш"),
            Map.entry("b", "б"),
            Map.entry("p", "п"),
            Map.entry("m", "м"),
            Map.entry("f", "ф"),
            Map.entry("d", "д"),
            Map.entry("t", "т"),
            Map.entry("n", "н"),
            Map.entry("l", "л"),
            Map.entry("g", "г"),
            Map.entry("k", "к"),
            Map.entry("h", "х"),
            Map.entry("j", "цз"),
            Map.entry("q", "ц"),
            Map.entry("x", "с"),
            Map.entry("r", "ж"),
            Map.entry("z", "цз"),
            Map.entry("c", "ц"),
            Map.entry("s", "с"),
            Map.entry("", ""));

    // Finals after a consonant, Palladius.
    private static final Map<String, String> PINYIN_FINALS = Map.ofEntries(
            Map.entry("a", "а"),
            Map.entry("o", "о"),
            Map.entry("e", "э"),
            Map.entry("ai", "ай"),
            Map.entry("ei", "эй"),
            Map.entry("ao", "ао"),
            Map.entry("ou", "оу"),
            Map.entry("an", "ань"),
            Map.entry("en", "энь"),
            Map.entry("ang", "ан"),
            Map.entry("eng", "эн"),
            Map.entry("ong", "ун"),
            Map.entry("er", "эр"),
            Map.entry("i", "и"),
            Map.entry("ia", "я"),
            Map.entry("ie", "е"),
            Map.entry("iao", "яо"),
            Map.entry("iu", "ю"),
            Map.entry("ian", "янь"),
            Map.entry("in", "инь"),
            Map.entry("iang", "ян"),
            Map.entry("ing", "ин"),
            Map.entry("iong", "юн"),
            Map.entry("u", "у"),
            Map.entry("ua", "уа"),
            Map.entry("uo", "о"),
            Map.entry("uai", "уай"),
            Map.entry("ui", "уй"),
            Map.entry("uan", "уань"),
            Map.entry("un", "унь"),
            Map.entry("uang", "уан"),
            Map.entry("ue", "юэ"));

    // Which finals each initial takes (the pinyin syllable table, slightly generous).
    private static final Set<String> RETROFLEX_FINALS = Set.of(
            "a", "e", "i", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "u", "ua", "uo", "uai", "ui", "uan",
            "un", "uang");
    private static final Set<String> PALATAL_FINALS =
            Set.of("i", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "u", "ue", "uan", "un");
    private static final Set<String> LABIAL_FINALS = Set.of(
            "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "i", "ie", "iao", "iu", "ian", "in", "ing",
            "u");
    private static final Set<String> DENTAL_FINALS = Set.of(
            "a", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "i", "ia", "ie", "iao", "iu", "ian",
            "in", "iang", "ing", "u", "uo", "ui", "uan", "un", "ue");
    private static final Set<String> VELAR_FINALS = Set.of(
            "a", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "u", "ua", "uo", "uai", "ui", "uan",
            "un", "uang");
    private static final Set<String> BARE_FINALS =
            Set.of("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er");

    private static final Map<String, String> PINYIN_Y = Map.ofEntries(
            Map.entry("a", "я"),
            Map.entry("e", "е"),
            Map.entry("ao", "яо"),
            Map.entry("ou", "ю"),
            Map.entry("an", "янь"),
            Map.entry("in", "инь"),
            Map.entry("ang", "ян"),
            Map.entry("ing", "ин"),
            Map.entry("ong", "юн"),
            Map.entry("i", "и"),
            Map.entry("u", "юй"),
            Map.entry("ue", "юэ"),
            Map.entry("uan", "юань"),
            Map.entry("un", "юнь"));

    private static final Map<String, String> PINYIN_W = Map.ofEntries(
            Map.entry("a", "ва"),
            Map.entry("o", "во"),
            Map.entry("ai", "вай"),
            Map.entry("ei", "вэй"),
            Map.entry("an", "вань"),
            Map.entry("en", "вэнь"),
            Map.entry("ang", "ван"),
            Map.entry("eng", "вэн"),
            Map.entry("u", "у"));

    /** The Palladius spelling of a pinyin token, or {@code ""} when the token is not a sequence of pinyin syllables. */
    public static String palladius(String token) {
        String s = letters(token);
        if (s.isEmpty()) {
            return "";
        }
        // best[i]: fewest syllables reading s[0, i), with the text; null when s[0, i) cannot be read
        int n = s.length();
        int[] count = new int[n + 1];
        String[] text = new String[n + 1];
        java.util.Arrays.fill(count, Integer.MAX_VALUE);
        count[0] = 0;
        text[0] = "";
        for (int i = 0; i < n; i++) {
            if (text[i] == null) {
                continue;
            }
            if (s.charAt(i) == '\'') {
                relax(count, text, i + 1, count[i], text[i]);
                continue;
            }
            for (String initial : PINYIN_INITIALS) {
                if (!s.startsWith(initial, i)) {
                    continue;
                }
                int f = i + initial.length();
                for (int end = f + 1; end <= Math.min(n, f + 4); end++) {
                    String syllable = pinyinSyllable(initial, s.substring(f, end));
                    if (syllable != null) {
                        relax(count, text, end, count[i] + 1, text[i] + syllable);
                    }
                }
            }
        }
        return text[n] == null ? "" : text[n];
    }

    private static String pinyinSyllable(String initial, String fin) {
        switch (initial) {
            case "y":
                return PINYIN_Y.get(fin);
            case "w":
                return PINYIN_W.get(fin);
            case "":
                return BARE_FINALS.contains(fin) ? PINYIN_FINALS.get(fin) : null;
            default:
                break;
        }
        Set<String> allowed = switch (initial) {
            case "zh", "ch", "sh", "r", "z", "c", "s" -> RETROFLEX_FINALS;
            case "j", "q", "x" -> PALATAL_FINALS;
            case "b", "p", "m", "f" -> LABIAL_FINALS;
            case "d", "t", "n", "l" -> DENTAL_FINALS;
            default -> VELAR_FINALS;
        };
        if (!allowed.contains(fin)) {
            return null;
        }
        String head = PINYIN_INITIAL_CYRILLIC.get(initial);
        if (fin.equals("i") && (initial.equals("z") || initial.equals("c") || initial.equals("s"))) {
            return head + "ы";
        }
        if (initial.equals("j") || initial.equals("q") || initial.equals("x")) {
            // u after j, q, x is ü
            switch (fin) {
                case "u":
                    return head + "юй";
                case "uan":
                    return head + "юань";
                case "un":
                    return head + "юнь";
                default:
                    break;
            }
        }
        return head + PINYIN_FINALS.get(fin);
    }

    // ---- Japanese Hepburn -> Polivanov ----

    private static final String[] KANA_ONSETS = {
        "sh", "ch", "ts", "ky", "gy", "ny", "hy", "by", "py", "my", "ry", "k", "g", "s", "z", "j", "t", "d", "n", "h",
        "f", "b", "p", "m", "y", "r", "w", ""
    };

    private static final Map<String, String> KANA_ONSET_CYRILLIC = Map.ofEntries(
            Map.entry("k", "к"),
            Map.entry("g", "г"),
            Map.entry("s", "с"),
            Map.entry("z", "дз"),
            Map.entry("t", "т"),
            Map.entry("d", "д"),
            Map.entry("n", "н"),
            Map.entry("h", "х"),
            Map.entry("f", "ф"),
            Map.entry("b", "б"),
            Map.entry("p", "п"),
            Map.entry("m", "м"),
            Map.entry("r", "р"));

    private static final Map<Character, String> VOWEL = Map.of('a', "а", 'i', "и", 'u', "у", 'e', "э", 'o', "о");
    // Vowels after a palatal onset (ky, sh, ch, j, y): a, u, o soften.
    private static final Map<Character, String> SOFT_VOWEL = Map.of('a', "я", 'i', "и", 'u', "ю", 'e', "э", 'o', "ё");

    /**
     * The Polivanov spelling of a Hepburn token ({@code ou} and {@code uu} written as one vowel, {@code n} before
     * {@code b m p} as {@code м}, before a vowel as {@code нъ}, a vowel followed by {@code i} as {@code й}), or {@code ""}
     * when the token is not a sequence of Hepburn syllables.
     */
    public static String polivanov(String token) {
        String s = letters(token);
        if (s.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = s.length();
        char previousVowel = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'') {
                i++;
                previousVowel = 0;
                continue;
            }
            if (previousVowel != 0 && isVowel(c)) {
                // a vowel straight after a vowel: long o/u are written once, i after a vowel is й
                if ((previousVowel == 'o' || previousVowel == 'u') && c == 'u') {
                    i++;
                    previousVowel = 0;
                    continue;
                }
                if (c == 'i' && (i + 1 == n || !isVowel(s.charAt(i + 1)))) {
                    out.append('й');
                    i++;
                    previousVowel = 0;
                    continue;
                }
            }
            if (c == 'n' && i + 1 < n && s.charAt(i + 1) == '\'') {
                out.append("нъ");
                i += 2;
                previousVowel = 0;
                continue;
            }
            if (c == 'n' && (i + 1 == n || !isVowel(s.charAt(i + 1)) && s.charAt(i + 1) != 'y')) {
                char next = i + 1 < n ? s.charAt(i + 1) : 0;
                out.append(next == 'b' || next == 'm' || next == 'p' ? "м" : "н");
                i++;
                previousVowel = 0;
                continue;
            }
            // a doubled consonant (kk, ss, tt, pp, tch)
            if (i + 1 < n
                    && "kgsztdbphfmr".indexOf(c) >= 0
                    && (s.charAt(i + 1) == c || (c == 't' && s.startsWith("ch", i + 1)))) {
                out.append(KANA_ONSET_CYRILLIC.get(String.valueOf(c)));
                i++;
                previousVowel = 0;
                continue;
            }
            String syllable = null;
            int length = 0;
            for (String onset : KANA_ONSETS) {
                int v = i + onset.length();
                if (!s.startsWith(onset, i) || v >= n || !isVowel(s.charAt(v))) {
                    continue;
                }
                syllable = kana(onset, s.charAt(v));
                if (syllable != null) {
                    length = onset.length() + 1;
                    break;
                }
            }
            if (syllable == null) {
                return "";
            }
            out.append(syllable);
            previousVowel = s.charAt(i + length - 1);
            i += length;
        }
        return out.toString();
    }

    private static String kana(String onset, char vowel) {
        switch (onset) {
            case "":
                return VOWEL.get(vowel);
            case "sh":
                return "с" + SOFT_VOWEL.get(vowel);
            case "ch":
                return "т" + SOFT_VOWEL.get(vowel);
            case "j":
                return "дз" + SOFT_VOWEL.get(vowel);
            case "ts":
                return vowel == 'u' ? "цу" : "ц" + VOWEL.get(vowel);
            case "y":
                return vowel == 'i' ? null : vowel == 'e' ? "е" : SOFT_VOWEL.get(vowel);
            case "w":
                return vowel == 'a' ? "ва" : vowel == 'o' ? "о" : null;
            case "f":
                return "ф" + VOWEL.get(vowel);
            default:
                break;
        }
        if (onset.length() == 2) { // ky, gy, ny, ...: a, u, o only
            return vowel == 'a' || vowel == 'u' || vowel == 'o'
                    ? KANA_ONSET_CYRILLIC.get(onset.substring(0, 1)) + SOFT_VOWEL.get(vowel)
                    : null;
        }
        if (onset.equals("s") && vowel == 'i' || onset.equals("t") && (vowel == 'i' || vowel == 'u')) {
            return null; // Hepburn writes shi, chi, tsu
        }
        if (onset.equals("h") && vowel == 'u' || onset.equals("d") && (vowel == 'i' || vowel == 'u')) {
            return null; // fu, ji, zu
        }
        if (onset.equals("z") && vowel == 'i') {
            return null; // ji
        }
        return KANA_ONSET_CYRILLIC.get(onset) + VOWEL.get(vowel);
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o';
    }

    private static void relax(int[] count, String[] text, int at, int c, String t) {
        if (c < count[at]) {
            count[at] = c;
            text[at] = t;
        }
    }

    /** Lower case without diacritics ({@code ō → o}, {@code ü → u}), apostrophes kept, {@code ""} if anything else. */
    static String letters(String token) {
        String d = Normalizer.normalize(token.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            } else if (c == '\'' || c == '’' || c == 'ʻ') {
                if (out.length() > 0) {
                    out.append('\'');
                }
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                return "";
            }
        }
        return out.toString();
    }

    /** Both readings that exist, for {@link NameToken}: Palladius first, then Polivanov. */
    static List<String> of(String token) {
        List<String> out = new ArrayList<>(2);
        String p = palladius(token);
        if (!p.isEmpty()) {
            out.add(p);
        }
        String j = polivanov(token);
        if (!j.isEmpty() && !j.equals(p)) {
            out.add(j);
        }
        return out;
    }
}
