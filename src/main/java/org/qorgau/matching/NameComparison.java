package org.qorgau.matching;

import java.util.List;

/**
 * The result of comparing two names.
 *
 * @param level the level reached
 * @param detail why, in words (never more than the two compared names)
 * @param matchedKeys the canonical keys of the second name's core tokens that found a counterpart, for the
 *     term-frequency adjustment
 * @param form which of the registry person's name forms gave this result (0 = full name, 1.. = aliases)
 */
public record NameComparison(NameLevel level, String detail, List<String> matchedKeys, int form) {
    public NameComparison {
        matchedKeys = List.copyOf(matchedKeys);
    }

    static NameComparison different(String detail) {
        return new NameComparison(NameLevel.DIFFERENT, detail, List.of(), 0);
    }

    NameComparison withForm(int newForm) {
        return new NameComparison(level, detail, matchedKeys, newForm);
    }
}
