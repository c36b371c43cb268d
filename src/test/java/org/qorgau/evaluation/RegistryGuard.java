package org.qorgau.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Remembers, per (surname, given name) written in folded Cyrillic, the dates of birth of registered people, so that a
 * probe labelled "not registered" is never a plausible registered person: same folded surname and given name with a
 * related date of birth ({@link DateOfBirths#related}) is rejected. Cyrillic aliases count as names too.
 */
final class RegistryGuard {

    private final Map<String, List<String>> datesByName = new HashMap<>();

    void add(SyntheticPerson p) {
        addName(p.fullName(), p.dateOfBirth());
        for (String alias : p.aliases()) {
            addName(alias, p.dateOfBirth());
        }
    }

    private void addName(String fullName, String dob) {
        String[] tokens = fullName.split(" ");
        if (tokens.length >= 2 && isCyrillic(tokens[0])) {
            datesByName
                    .computeIfAbsent(key(tokens[0], tokens[1]), k -> new ArrayList<>(2))
                    .add(dob);
        }
    }

    /** True when a registered person has this surname and given name (folded) and a related date of birth. */
    boolean plausiblyRegistered(String surname, String givenName, String dob) {
        List<String> dates = datesByName.get(key(surname, givenName));
        if (dates == null) {
            return false;
        }
        for (String d : dates) {
            if (DateOfBirths.related(d, dob)) {
                return true;
            }
        }
        return false;
    }

    static String key(String surname, String given) {
        return fold(surname) + "|" + fold(given);
    }

    static String fold(String s) {
        return Transliteration.foldKazakh(s.toLowerCase(Locale.ROOT)).replace('ё', 'е');
    }

    private static boolean isCyrillic(String s) {
        return !s.isEmpty() && Character.UnicodeScript.of(s.codePointAt(0)) == Character.UnicodeScript.CYRILLIC;
    }
}
