package org.qorgau.matching;

/** How well two names agree, best first. */
public enum NameLevel {
    /** Same tokens after normalisation, in the same script (order and case may differ). */
    EXACT,
    /** Same canonical keys: the names are transliterations of each other (or differ by homoglyphs/diacritics). */
    TRANSLITERATION_EQUAL,
    /** Every token agrees, at least one only up to a small edit distance of its canonical key. */
    TYPO,
    /** Every token agrees, at least one only by its phonetic key. */
    PHONETIC,
    /**
     * Every token agrees, at least one only as the learned Russian rendering of a foreign name in the other script
     * ({@code Didier}/{@code Дидье}, {@code Hiroshi}/{@code Хироси}; {@link RenderingModel}).
     */
    RENDERING,
    /** The tokens of one name all agree with tokens of the other, which has more (middle name, patronymic). */
    TOKEN_SUBSET,
    /** Agreement that relies on an initial ({@code N. Abenov}). */
    INITIALS,
    /**
     * The names disagree, but one of them shares a rare given name with the other (a changed or second surname):
     * evidence for review only, never agreement ({@link NameComparator#sharedRareToken}).
     */
    RARE_TOKEN,
    /** The names disagree. */
    DIFFERENT;

    /** Whether this level counts as "the name agrees" for the verdict rules (initials do not). */
    public boolean agrees() {
        return ordinal() <= TOKEN_SUBSET.ordinal();
    }
}
