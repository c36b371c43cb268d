package org.qorgau.matching;

import java.util.HashSet;
import java.util.Set;

/**
 * The keys the engine's candidate stage retrieves by, for code that must know ahead of scoring which pairs the engine
 * could ever compare (continuous monitoring finds the enrolled people a registry change can concern without screening
 * everyone). A matcher scores only entries that share a name key with the probe and whose date of birth does not
 * contradict the probe's, or whose photo is within reach; so a pair that passes none of {@link #of},
 * {@link #datesCompatible} and {@link #photosWithinReach} can never be reported.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>call</th><th>result</th></tr>
 *   <tr><td>{@code of("")}, {@code of(null)}</td><td>empty</td></tr>
 *   <tr><td>{@code of("A B")} (initials only)</td><td>empty: initials post no key</td></tr>
 *   <tr><td>{@code datesCompatible(MISSING, d)}</td><td>true for every {@code d}</td></tr>
 *   <tr><td>{@code photosWithinReach(null, h)}</td><td>false</td></tr>
 * </table>
 */
public final class RetrievalKeys {

    private RetrievalKeys() {}

    /** Every name key a name (a probe's, or one name form of an entry) posts under and probes with. */
    public static Set<String> of(String fullName) {
        Set<String> keys = new HashSet<>();
        if (fullName != null) {
            CandidateIndex.keys(ParsedName.parse(fullName), keys);
        }
        return keys;
    }

    /**
     * Whether an entry born on {@code entryDob} survives the candidate stage's date filter for a probe born on {@code
     * probeDob} (both packed by {@link DateOfBirth#parse}).
     */
    public static boolean datesCompatible(int probeDob, int entryDob) {
        return probeDob == entryDob
                || entryDob == DateOfBirth.MISSING
                || probeDob == DateOfBirth.MISSING
                || DateComparator.level(probeDob, entryDob) != DateLevel.DIFFERENT;
    }

    /** Whether two parsed photo hashes ({@link PhotoHash#parse}) are near enough to be compared; false when one is null. */
    public static boolean photosWithinReach(long[] a, long[] b) {
        return a != null && b != null && PhotoHash.distance(a, 0, b, 0) <= PhotoComparator.MAX_DISTANCE;
    }
}
