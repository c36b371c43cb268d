package org.qorgau.matching;

/** Verdicts in increasing strength; the overall verdict of a screening is its strongest match's. */
public enum Verdict {
    /** Nothing warrants review. */
    NO_MATCH,
    /** Evidence that a person must review. */
    POSSIBLE_MATCH,
    /** Strong, independent evidence that the candidate is the registry person. A name alone is never a MATCH. */
    MATCH;

    public Verdict strongest(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
