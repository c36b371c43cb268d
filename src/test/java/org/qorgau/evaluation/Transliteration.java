package org.qorgau.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cyrillic-to-Latin transliteration schemes used to make probe variants, written independently of the matching engine
 * so that the harness does not grade the engine against its own transliteration tables.
 *
 * <p>Russian schemes come from the iuliia JSON files in {@code src/test/resources/reference/translit-schemas} (on
 * the test classpath) (letter {@code mapping},
 * {@code prev_mapping} keyed by previous+current letter, {@code next_mapping} keyed by current+next letter,
 * {@code ending_mapping} keyed by a word's last two letters, the same algorithm as iuliia-py). Those files cover Russian
 * letters only, so Kazakh letters are first folded to their usual Russian spelling ({@link #foldKazakh}). Kazakh 2021
 * Latin, an informal chat spelling and a German-style spelling are built in.
 */
final class Transliteration {

    /** The schemes the probe generator draws from; names appear as variant names in the harness tables. */
    static final List<String> SCHEMES = List.of(
            "icao_doc_9303",
            "bgn_pcgn",
            "telegram",
            "wikipedia",
            "mosmetro",
            "scientific",
            "kazakh_2021_latin",
            "informal",
            "german");

    private static final Map<Character, String> KAZAKH_TO_RUSSIAN =
            Map.of('ә', "а", 'ғ', "г", 'қ', "к", 'ң', "н", 'ө', "о", 'ұ', "у", 'ү', "у", 'һ', "х", 'і', "и");

    private static final Map<String, Scheme> CACHE = new HashMap<>();

    private Transliteration() {}

    /** Kazakh Cyrillic to the Russian Cyrillic spelling a Russian-language form would use: Нұрлан → Нурлан. */
    static String foldKazakh(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            String repl = KAZAKH_TO_RUSSIAN.get(lower);
            if (repl == null) {
                out.append(c);
            } else {
                out.append(Character.isUpperCase(c) ? repl.toUpperCase(Locale.ROOT) : repl);
            }
        }
        return out.toString();
    }

    /** True when the text contains any of the nine Kazakh-specific letters. */
    static boolean hasKazakhLetters(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (KAZAKH_TO_RUSSIAN.containsKey(lower.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Transliterates a Cyrillic (Russian or Kazakh) full name under the named scheme, keeping word capitalisation. */
    static String apply(String scheme, String text) {
        return scheme(scheme).translate(text);
    }

    static synchronized Scheme scheme(String name) {
        return CACHE.computeIfAbsent(name, Transliteration::load);
    }

    private static Scheme load(String name) {
        switch (name) {
            case "kazakh_2021_latin":
                return new Scheme(kazakh2021(), Map.of(), Map.of(), Map.of(), false);
            case "informal":
                return new Scheme(informal(), Map.of(), Map.of(), Map.of(), true);
            case "german":
                return new Scheme(german(), Map.of("е", "je", "ье", "je", "ъе", "je"), Map.of(), Map.of(), true);
            default:
                return fromIuliia(ReferenceData.path("translit-schemas/" + name + ".json"));
        }
    }

    private static Scheme fromIuliia(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
            return new Scheme(
                    dict(root.get("mapping")),
                    dict(root.get("prev_mapping")),
                    dict(root.get("next_mapping")),
                    dict(root.get("ending_mapping")),
                    true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read transliteration scheme " + file, e);
        }
    }

    private static Map<String, String> dict(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    /**
     * One scheme. {@code foldKazakhFirst} is false only for schemes that have their own Kazakh letters.
     */
    static final class Scheme {
        private final Map<String, String> mapping;
        private final Map<String, String> prev;
        private final Map<String, String> next;
        private final Map<String, String> ending;
        private final boolean foldKazakhFirst;

        Scheme(
                Map<String, String> mapping,
                Map<String, String> prev,
                Map<String, String> next,
                Map<String, String> ending,
                boolean foldKazakhFirst) {
            this.mapping = mapping;
            this.prev = prev;
            this.next = next;
            this.ending = ending;
            this.foldKazakhFirst = foldKazakhFirst;
        }

        String translate(String text) {
            String source = foldKazakhFirst ? foldKazakh(text) : text;
            StringBuilder out = new StringBuilder();
            StringBuilder word = new StringBuilder();
            for (int i = 0; i < source.length(); i++) {
                char c = source.charAt(i);
                if (Character.isLetter(c)) {
                    word.append(c);
                } else {
                    out.append(translateWord(word.toString()));
                    word.setLength(0);
                    out.append(c);
                }
            }
            out.append(translateWord(word.toString()));
            return out.toString();
        }

        private String translateWord(String word) {
            if (word.isEmpty()) {
                return word;
            }
            String lower = word.toLowerCase(Locale.ROOT);
            String stem = lower;
            String endingLatin = null;
            if (lower.length() > 2) {
                endingLatin = ending.get(lower.substring(lower.length() - 2));
                if (endingLatin != null) {
                    stem = lower.substring(0, lower.length() - 2);
                }
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < stem.length(); i++) {
                String p = i == 0 ? "" : String.valueOf(stem.charAt(i - 1));
                String c = String.valueOf(stem.charAt(i));
                String n = i + 1 < stem.length() ? String.valueOf(stem.charAt(i + 1)) : "";
                String latin = prev.get(p + c);
                if (latin == null) {
                    latin = next.get(c + n);
                }
                if (latin == null) {
                    latin = mapping.getOrDefault(c, c);
                }
                out.append(latin);
            }
            if (endingLatin != null) {
                out.append(endingLatin);
            }
            return recase(word, out.toString());
        }

        private static String recase(String source, String latin) {
            if (latin.isEmpty()) {
                return latin;
            }
            boolean allUpper = source.length() > 1 && source.equals(source.toUpperCase(Locale.ROOT));
            if (allUpper) {
                return latin.toUpperCase(Locale.ROOT);
            }
            if (Character.isUpperCase(source.charAt(0))) {
                return latin.substring(0, 1).toUpperCase(Locale.ROOT) + latin.substring(1);
            }
            return latin;
        }
    }

    private static Map<String, String> base(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** Kazakh Latin alphabet of 2021 (ä ğ q ñ ö ū ü ı ş ç j), Russian-only letters as commonly written. */
    private static Map<String, String> kazakh2021() {
        return base(
                "а", "a", "ә", "ä", "б", "b", "в", "v", "г", "g", "ғ", "ğ", "д", "d", "е", "e", "ё", "io", "ж", "j",
                "з", "z", "и", "i", "й", "i", "к", "k", "қ", "q", "л", "l", "м", "m", "н", "n", "ң", "ñ", "о", "o", "ө",
                "ö", "п", "p", "р", "r", "с", "s", "т", "t", "у", "u", "ұ", "ū", "ү", "ü", "ф", "f", "х", "h", "һ", "h",
                "ц", "ts", "ч", "ç", "ш", "ş", "щ", "şş", "ъ", "", "ы", "y", "і", "ı", "ь", "", "э", "e", "ю", "iu",
                "я", "ia");
    }

    /** Informal chat / social-network spelling: ж → j, х → h, й → y, ю → yu, я → ya. */
    private static Map<String, String> informal() {
        return base(
                "а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ё", "yo", "ж", "j", "з", "z", "и", "i",
                "й", "y", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "у",
                "u", "ф", "f", "х", "h", "ц", "c", "ч", "ch", "ш", "sh", "щ", "sh", "ъ", "", "ы", "y", "ь", "", "э",
                "e", "ю", "yu", "я", "ya");
    }

    /** German-style spelling as in German documents: ж/ш → sch, ч → tsch, в → w, й → j, з → s, ц → z. */
    private static Map<String, String> german() {
        return base(
                "а", "a", "б", "b", "в", "w", "г", "g", "д", "d", "е", "e", "ё", "jo", "ж", "sch", "з", "s", "и", "i",
                "й", "j", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "у",
                "u", "ф", "f", "х", "ch", "ц", "z", "ч", "tsch", "ш", "sch", "щ", "schtsch", "ъ", "", "ы", "y", "ь", "",
                "э", "e", "ю", "ju", "я", "ja");
    }
}
