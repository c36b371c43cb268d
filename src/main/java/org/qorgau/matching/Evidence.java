package org.qorgau.matching;

/**
 * The evidence one field contributed to a match.
 *
 * @param field {@code name}, {@code dateOfBirth} or {@code photo}
 * @param level the comparison level reached, e.g. {@code TRANSLITERATION_EQUAL}
 * @param weight the log2 Bayes factor this level contributed (after term-frequency adjustment)
 * @param detail a human-readable reason, never containing more than the two compared values
 */
public record Evidence(String field, String level, double weight, String detail) {}
