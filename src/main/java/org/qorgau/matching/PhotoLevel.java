package org.qorgau.matching;

/**
 * Hamming-distance bands of two 256-bit PDQ hashes, closest first. Band limits come from the parameters; beyond 31
 * bits there is no evidence at all (PDQ detects copies of one image, it does not recognise faces), so a distant
 * photo never counts against a candidate.
 */
public enum PhotoLevel {
    IDENTICAL,
    VERY_CLOSE,
    CLOSE,
    NEAR_DUPLICATE,
    NO_EVIDENCE;

    public boolean nearDuplicate() {
        return this != NO_EVIDENCE;
    }
}
