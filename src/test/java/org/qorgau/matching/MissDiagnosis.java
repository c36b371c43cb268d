package org.qorgau.matching;

import java.util.Arrays;

/**
 * Why a registered person was missed, for the evaluation harness's list of misses: the right entry never reached the
 * scorer ({@code retrieval}: the candidate index did not propose it), or it was scored and came out too low
 * ({@code scored}: with the name and date levels it reached). Test-side only: it reads the engine's package-private
 * index and scorer. With {@code -Dqorgau.tokenDiagnosis=true} each line also lists, token by token, the level of each
 * probe/registry token pair, the registry token's count in the registry and {@code (sn)} when either is surname-shaped
 * (what the rare-name rule may use).
 */
public final class MissDiagnosis {

    private MissDiagnosis() {}

    /** {@code retrieval}, {@code scored NAME_LEVEL/DATE_LEVEL w=...}, or {@code ""} for another engine. */
    public static String diagnose(Matcher matcher, Probe probe, String externalId) {
        if (!(matcher instanceof FellegiSunterMatcher fs)) {
            return "";
        }
        int entry = fs.entryOf(externalId);
        if (entry < 0) {
            return "unknown entry";
        }
        ParsedName name = PaddedName.distinct(ParsedName.parse(probe.fullName()));
        int[] candidates = fs.candidates(name, probe);
        boolean retrieved = Arrays.stream(candidates).anyMatch(c -> c == entry);
        Match m = fs.scoreEntry(probe, entry);
        String levels = m == null
                ? "?"
                : m.explanation().stream()
                        .map(e -> e.field() + "=" + e.level())
                        .reduce((a, b) -> a + " " + b)
                        .orElse("");
        return (retrieved ? "scored " : "retrieval ")
                + levels
                + (Boolean.getBoolean("qorgau.tokenDiagnosis") ? " [" + fs.tokenDiagnosis(probe, entry) + "]" : "");
    }
}
