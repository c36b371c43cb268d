package org.qorgau.matching;

/**
 * Puts the smallest Hamming distance between a probe's PDQ hash and a registry person's hashes into a band. The band
 * limits come from the parameters ({@code photo.band.IDENTICAL}, ...); the outermost can never exceed 31 bits, PDQ's
 * own match threshold, because beyond it two hashes say nothing about each other.
 *
 * <table>
 *   <caption>Edge cases (default bands 8/16/24/31)</caption>
 *   <tr><th>distance</th><th>level</th></tr>
 *   <tr><td>no probe hash or no registry hash</td><td>NO_EVIDENCE</td></tr>
 *   <tr><td>0..8</td><td>IDENTICAL</td></tr>
 *   <tr><td>9..16</td><td>VERY_CLOSE</td></tr>
 *   <tr><td>17..24</td><td>CLOSE</td></tr>
 *   <tr><td>25..31</td><td>NEAR_DUPLICATE</td></tr>
 *   <tr><td>32..256</td><td>NO_EVIDENCE</td></tr>
 * </table>
 */
public final class PhotoComparator {

    /** PDQ's match threshold; no band may reach beyond it. */
    public static final int MAX_DISTANCE = 31;

    private final int[] limits = new int[4];

    public PhotoComparator(MatchingParameters p) {
        PhotoLevel[] bands = {PhotoLevel.IDENTICAL, PhotoLevel.VERY_CLOSE, PhotoLevel.CLOSE, PhotoLevel.NEAR_DUPLICATE};
        for (int i = 0; i < 4; i++) {
            limits[i] = Math.min(MAX_DISTANCE, p.getInt("photo.band." + bands[i].name()));
        }
    }

    public PhotoLevel level(int distance) {
        for (int i = 0; i < limits.length; i++) {
            if (distance <= limits[i]) {
                return PhotoLevel.values()[i];
            }
        }
        return PhotoLevel.NO_EVIDENCE;
    }

    public PhotoComparison compare(int distance) {
        PhotoLevel level = level(distance);
        String detail = level == PhotoLevel.NO_EVIDENCE
                ? "photo hashes are " + distance + " bits apart: no evidence either way"
                : "photo hash is a near-duplicate of a registry photo (" + distance + " of 256 bits differ)";
        return new PhotoComparison(level, distance, detail);
    }
}
