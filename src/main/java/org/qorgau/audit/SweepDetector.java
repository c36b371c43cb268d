package org.qorgau.audit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.qorgau.audit.api.UsageReport.SweepSignals;
import org.qorgau.config.QorgauConfig;

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
    private final QorgauConfig.Sweep config;
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

    SweepDetector(String org, QorgauConfig.Sweep config) {
        this.org = org;
        this.config = config;
    }

    static SweepSignals none() {
        return new SweepSignals(false, List.of(), 0, 0, 0, 0, 0);
    }

    /** One check, in order; {@code fullName} and {@code dateOfBirth} are null once redacted. */
    void add(String fullName, String dateOfBirth, String verdict) {
        checks++;
        String name = fullName == null ? null : normalise(fullName);
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
        alphabeticalRun = name != null && previousName != null && name.compareTo(previousName) > 0
                ? alphabeticalRun + 1
                : (name == null ? 0 : 1);
        longestAlphabeticalRun = Math.max(longestAlphabeticalRun, alphabeticalRun);
        int order =
                dateOfBirth == null || previousDate == null ? 0 : Integer.signum(dateOfBirth.compareTo(previousDate));
        ascendingDates = order > 0 ? ascendingDates + 1 : (dateOfBirth == null ? 0 : 1);
        descendingDates = order < 0 ? descendingDates + 1 : (dateOfBirth == null ? 0 : 1);
        longestDateRun = Math.max(longestDateRun, Math.max(ascendingDates, descendingDates));
        previousName = name;
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

    /** NFKC, case-folded, spaces collapsed: the same name typed twice compares equal. */
    static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .trim()
                .replaceAll("\\s+", " ");
    }
}
