package org.qorgau.matching;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Cyrillic (Russian and Kazakh letters) to Latin under the romanisations people actually meet on documents and forms.
 * The matcher does not need a scheme to compare names ({@link CanonicalKey} reads every scheme's output); these exist
 * to explain, to generate test variants and to document which spellings the key must unify.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input, scheme</th><th>output</th></tr>
 *   <tr><td>{@code "", any}</td><td>{@code ""}</td></tr>
 *   <tr><td>{@code "нұрлан", ICAO_9303}</td><td>{@code "nurlan"}</td></tr>
 *   <tr><td>{@code "нұрлан", KAZAKH_2021}</td><td>{@code "nūrlan"}</td></tr>
 *   <tr><td>{@code "қайрат", BGN_PCGN}</td><td>{@code "qayrat"}</td></tr>
 *   <tr><td>{@code "щукин", GERMAN}</td><td>{@code "schtschukin"}</td></tr>
 *   <tr><td>{@code "nurlan" (already Latin), any}</td><td>{@code "nurlan"}</td></tr>
 * </table>
 */
public final class Transliterator {

    /** A Cyrillic-to-Latin romanisation. */
    public enum Scheme {
        /** ICAO Doc 9303 (machine-readable passports; Kazakh letters to their base Latin letter). */
        ICAO_9303,
        /** BGN/PCGN for Russian (1947) and Kazakh (1979). */
        BGN_PCGN,
        /** Kazakh Latin alphabet of 2021 (ä ğ q ñ ö ū ü ı ş ç j). */
        KAZAKH_2021,
        /** Informal romanisation seen on forms and social media (j for ж, h for х, y for й). */
        INFORMAL,
        /** German-style (sch, tsch, w, j). */
        GERMAN
    }

    private static final Map<Scheme, Map<Character, String>> TABLES = new HashMap<>();

    static {
        // a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch '' y ' e yu ya | ә ғ қ ң ө ұ ү һ і
        String cyr = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі";
        TABLES.put(
                Scheme.ICAO_9303,
                table(
                        cyr,
                        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y - e iu ia"
                                + " a g k n o u u h i"));
        TABLES.put(
                Scheme.BGN_PCGN,
                table(
                        cyr,
                        "a b v g d e ë zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
                                + " ä gh q ng ö ū ü h i"));
        TABLES.put(
                Scheme.KAZAKH_2021,
                table(
                        cyr,
                        "a b v g d e io j z i i k l m n o p r s t u f h ts ç ş şş - y - e iu ia"
                                + " ä ğ q ñ ö ū ü h ı"));
        TABLES.put(
                Scheme.INFORMAL,
                table(
                        cyr,
                        "a b v g d e yo j z i y k l m n o p r s t u f h c ch sh sh - y - e yu ya"
                                + " a g k n o u u h i"));
        TABLES.put(
                Scheme.GERMAN,
                table(
                        cyr,
                        "a b w g d e jo sch s i j k l m n o p r s t u f ch z tsch sch schtsch - y - e ju ja"
                                + " ä g k ng ö u ü h i"));
    }

    private Transliterator() {}

    private static Map<Character, String> table(String cyrillic, String latin) {
        String[] parts = latin.split(" ");
        if (parts.length != cyrillic.length()) {
            throw new IllegalStateException("table size " + parts.length + " != " + cyrillic.length());
        }
        Map<Character, String> map = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            map.put(cyrillic.charAt(i), parts[i].equals("-") ? "" : parts[i]);
        }
        return map;
    }

    /** Transliterates lower- or upper-case Cyrillic; other characters pass through unchanged. */
    public static String transliterate(String text, Scheme scheme) {
        Map<Character, String> table = TABLES.get(scheme);
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char lower = Character.toLowerCase(c);
            String latin = table.get(lower);
            if (latin == null) {
                out.append(c);
            } else if (c != lower && !latin.isEmpty()) {
                out.append(latin.substring(0, 1).toUpperCase(Locale.ROOT)).append(latin.substring(1));
            } else {
                out.append(latin);
            }
        }
        return out.toString();
    }
}
