package org.qorgau.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.qorgau.audit.api.UsageReport.SweepSignals;
import org.qorgau.config.UsageConfig;
import org.qorgau.matching.NameNormalizer;
import org.qorgau.matching.NameToken;
import org.qorgau.matching.ParsedName;

/**
 * Looks for registry enumeration in one organisation's checks, fed in the order they were made.
 *
 * <table>
 *   <caption>Signals (thresholds {@code qorgau.usage.sweep.*})</caption>
 *   <tr><th>reason</th><th>when</th><th>why it is unlike screening</th></tr>
 *   <tr><td>{@code many-distinct-hits}</td><td>at least {@code min-distinct-hits} distinct names with MATCH or
 *       POSSIBLE_MATCH and at least {@code min-hit-share} of all checks</td><td>applicants are almost never in the
 *       registry; someone feeding it registry names hits again and again</td></tr>
 *   <tr><td>{@code alphabetical-sweep}</td><td>a run of {@code min-run} consecutive checks with ascending
 *       names</td><td>walking a name list or the alphabet; random applicants give runs of a few</td></tr>
 *   <tr><td>{@code date-sweep}</td><td>a run of {@code min-run} consecutive checks with dates of birth strictly
 *       ascending or descending, or one name with {@code min-dates-per-name} different dates</td><td>walking the
 *       calendar, or guessing a known person's date of birth until the registry answers</td></tr>
 * </table>
 *
 * An alphabetical staff list re-screened in one go also makes an alphabetical run; the report names the reason so an
 * auditor can tell the two apart from the volume, the purpose and the hits.
 */
final class SweepDetector {

    final String org;
    private final UsageConfig.Sweep config;
    private long checks;
    private long hits;
    private final Set<String> namesWithHits = new HashSet<>();
    private final Map<String, Set<String>> datesPerName = new HashMap<>();
    private String previousName;
    private String previousDate;
    private long alphabeticalRun;
    private long longestAlphabeticalRun;
    private long ascendingDates;
    private long descendingDates;
    private long longestDateRun;

    SweepDetector(String org, UsageConfig.Sweep config) {
        this.org = org;
        this.config = config;
    }

    static SweepSignals none() {
        return new SweepSignals(false, List.of(), 0, 0, 0, 0, 0);
    }

    /**
     * One check, in order; {@code fullName} and {@code dateOfBirth} are null once redacted. A query refused as too broad
     * to screen comes with the strongest verdict it reached and counts as a hit.
     */
    void add(String fullName, String dateOfBirth, String verdict) {
        checks++;
        String name = fullName == null ? null : normalise(fullName);
        // alphabetical order is the order as written (after the engine's normalisation), not of the sorted keys
        String ordered = fullName == null ? null : NameNormalizer.normalize(fullName);
        if (verdict != null && !verdict.equals("NO_MATCH")) {
            hits++;
            if (name != null) {
                namesWithHits.add(name);
            }
        }
        if (name != null && dateOfBirth != null) {
            Set<String> dates = datesPerName.computeIfAbsent(name, n -> new HashSet<>());
            if (dates.size() <= config.minDatesPerName()) {
                dates.add(dateOfBirth);
            }
        }
        alphabeticalRun = ordered != null && previousName != null && ordered.compareTo(previousName) > 0
                ? alphabeticalRun + 1
                : (ordered == null ? 0 : 1);
        longestAlphabeticalRun = Math.max(longestAlphabeticalRun, alphabeticalRun);
        int order =
                dateOfBirth == null || previousDate == null ? 0 : Integer.signum(dateOfBirth.compareTo(previousDate));
        ascendingDates = order > 0 ? ascendingDates + 1 : (dateOfBirth == null ? 0 : 1);
        descendingDates = order < 0 ? descendingDates + 1 : (dateOfBirth == null ? 0 : 1);
        longestDateRun = Math.max(longestDateRun, Math.max(ascendingDates, descendingDates));
        previousName = ordered;
        previousDate = dateOfBirth;
    }

    SweepSignals signals() {
        double hitShare = checks == 0 ? 0 : Math.round(hits * 10_000d / checks) / 10_000d;
        long maxDates =
                datesPerName.values().stream().mapToLong(Set::size).max().orElse(0);
        List<String> reasons = new ArrayList<>();
        if (namesWithHits.size() >= config.minDistinctHits() && hitShare >= config.minHitShare()) {
            reasons.add("many-distinct-hits");
        }
        if (longestAlphabeticalRun >= config.minRun()) {
            reasons.add("alphabetical-sweep");
        }
        if (longestDateRun >= config.minRun() || maxDates >= config.minDatesPerName()) {
            reasons.add("date-sweep");
        }
        return new SweepSignals(
                !reasons.isEmpty(),
                List.copyOf(reasons),
                namesWithHits.size(),
                hitShare,
                longestAlphabeticalRun,
                longestDateRun,
                maxDates);
    }

    /**
     * The name as the matching engine reads it ({@link ParsedName}: NFKC, format characters such as zero-width spaces
     * removed, case folded, look-alikes unified), reduced to its tokens' canonical Latin keys, distinct and sorted: the
     * same person written in another script, order, case or with invisible characters or repeated tokens is one name
     * here, so a date sweep over one person is seen whatever the spelling of each query.
     */
    static String normalise(String name) {
        ParsedName parsed = ParsedName.parse(name);
        Set<String> keys = new TreeSet<>();
        for (NameToken token : parsed.core()) {
            keys.add(token.key());
        }
        for (NameToken token : parsed.patronymics()) {
            keys.add(token.key());
        }
        return String.join(" ", keys);
    }
}
