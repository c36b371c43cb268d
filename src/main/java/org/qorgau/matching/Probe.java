package org.qorgau.matching;

/**
 * The candidate being screened.
 *
 * @param fullName the candidate's name as the screener typed it, in any script
 * @param dateOfBirth {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}
 * @param photoHash a 64-hex-character PDQ hash, or {@code null} when there is none
 */
public record Probe(String fullName, String dateOfBirth, String photoHash) {}
