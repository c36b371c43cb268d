package org.qorgau.matching;

/**
 * Recognises male and female forms of one Russian/Kazakh surname on canonical keys. Such pairs are one edit apart
 * but name different people (a brother and a sister, a husband and a wife), so comparators must never call them a
 * typo.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>a, b</th><th>{@code differOnlyByGender}</th></tr>
 *   <tr><td>{@code ivanov, ivanova}</td><td>true (-ов/-ова)</td></tr>
 *   <tr><td>{@code nazarbaev, nazarbaeva}</td><td>true (-ев/-ева)</td></tr>
 *   <tr><td>{@code pushkin, pushkina}</td><td>true (-ин/-ина)</td></tr>
 *   <tr><td>{@code petrovski, petrovskaya}</td><td>true (-ский/-ская)</td></tr>
 *   <tr><td>{@code tolstoi, tolstaya}</td><td>true (-ой/-ая)</td></tr>
 *   <tr><td>{@code aleksandr, aleksandra}</td><td>true (given names too)</td></tr>
 *   <tr><td>{@code evgeni, evgenia}</td><td>true (Евгений/Евгения)</td></tr>
 *   <tr><td>{@code ivanov, ivanov}</td><td>false</td></tr>
 *   <tr><td>{@code anna, ann}</td><td>false</td></tr>
 * </table>
 */
public final class GenderForms {

    private GenderForms() {}

    public static boolean differOnlyByGender(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = a.length() <= b.length() ? b : a;
        if (shorter.length() < 2) {
            return false;
        }
        char last = shorter.charAt(shorter.length() - 1);
        // -ов/-ова, -ев/-ева, -ин/-ина, and given names: Александр/Александра, Евгений/Евгения, Руслан/Руслана
        if (longer.length() == shorter.length() + 1
                && longer.endsWith("a")
                && longer.startsWith(shorter)
                && (!CanonicalKey.isVowel(last) || last == 'i')) {
            return true;
        }
        // -ский/-ская, -ый/-ая, -ий/-яя: ...i -> ...aya
        if (last == 'i'
                && longer.length() == shorter.length() + 2
                && longer.endsWith("aya")
                && longer.regionMatches(0, shorter, 0, shorter.length() - 1)) {
            return true;
        }
        // -ой/-ая: ...oi -> ...aya
        return shorter.endsWith("oi")
                && longer.length() == shorter.length() + 1
                && longer.endsWith("aya")
                && longer.regionMatches(0, shorter, 0, shorter.length() - 2);
    }
}
