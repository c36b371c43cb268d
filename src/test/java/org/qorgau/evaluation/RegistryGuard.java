package org.qorgau.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Remembers the registered (surname, given name, date of birth) triples, names folded (lower case, Kazakh letters to
 * their Russian spelling, ё → е), so that a probe labelled "not registered" is never a plausible registered person.
 *
 * <p>A probe is <em>plausibly registered</em> when some registered person (full name or Cyrillic alias) has a surname
 * and a given name each within one edit (insert, delete, substitute, adjacent transposition) of the probe's, and a
 * related date of birth ({@link DateOfBirths#related}). That is exactly what the registered "typo" and "date error"
 * variants produce, so such a probe would be a POSSIBLE_MATCH by design, not a false one.
 */
final class RegistryGuard {

    private final Map<String, Map<String, List<String>>> datesBySurnameAndGiven = new HashMap<>();

    void add(SyntheticPerson p) {
        addName(p.fullName(), p.dateOfBirth());
        for (String alias : p.aliases()) {
            addName(alias, p.dateOfBirth());
        }
    }

    private void addName(String fullName, String dob) {
        String[] tokens = fullName.split(" ");
        if (tokens.length >= 2 && isCyrillic(tokens[0])) {
            datesBySurnameAndGiven
                    .computeIfAbsent(fold(tokens[0]), k -> new HashMap<>())
                    .computeIfAbsent(fold(tokens[1]), k -> new ArrayList<>(2))
                    .add(dob);
        }
    }

    /** See the class comment. */
    boolean plausiblyRegistered(String surname, String givenName, String dob) {
        String s = fold(surname);
        String g = fold(givenName);
        for (Map.Entry<String, Map<String, List<String>>> bySurname : datesBySurnameAndGiven.entrySet()) {
            if (!withinOneEdit(s, bySurname.getKey())) {
                continue;
            }
            for (Map.Entry<String, List<String>> byGiven : bySurname.getValue().entrySet()) {
                if (!withinOneEdit(g, byGiven.getKey())) {
                    continue;
                }
                for (String d : byGiven.getValue()) {
                    if (DateOfBirths.related(d, dob)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static String fold(String s) {
        return Transliteration.foldKazakh(s.toLowerCase(Locale.ROOT)).replace('ё', 'е');
    }

    /** Optimal-string-alignment distance ≤ 1. */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == la && i == lb) {
            return true;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // substitution
            }
            return i + 1 < la
                    && a.charAt(i) == b.charAt(i + 1)
                    && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
    }

    private static boolean isCyrillic(String s) {
        return !s.isEmpty() && Character.UnicodeScript.of(s.codePointAt(0)) == Character.UnicodeScript.CYRILLIC;
    }
}
