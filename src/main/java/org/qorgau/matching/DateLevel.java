package org.qorgau.matching;

/** How two dates of birth agree, best first. */
public enum DateLevel {
    /** Both full dates, equal. */
    EXACT,
    /** At least one side is year-only or year-month, and the dates agree at the common precision. */
    SAME_PARTIAL,
    /** Day and month swapped ({@code 1980-03-05} / {@code 1980-05-03}). */
    DAY_MONTH_SWAP,
    /** One digit differs, or two adjacent digits are transposed. */
    ONE_DIGIT_TYPO,
    /** Year differs by one, the rest agrees. */
    YEAR_PLUS_MINUS_ONE,
    /** The dates disagree. */
    DIFFERENT,
    /** One side has no usable date; contributes no weight. */
    MISSING;

    /** Full agreement or a plausible recording error (the date condition of a MATCH). */
    public boolean plausible() {
        return this == EXACT || this == DAY_MONTH_SWAP || this == ONE_DIGIT_TYPO || this == YEAR_PLUS_MINUS_ONE;
    }

    /** Not contradicting: everything except {@link #DIFFERENT}. */
    public boolean compatible() {
        return this != DIFFERENT;
    }
}
