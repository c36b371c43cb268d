package org.qorgau.audit.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Per-organisation usage, to spot fishing. */
@Schema(name = "UsageReport", description = "Checks per organisation in a period: volume, verdicts and patterns.")
public record UsageReport(
        Instant from,
        Instant to,

        @Schema(description = "Time zone of days and working hours", example = "Asia/Almaty")
        String zone,

        @Schema(example = "08:00-19:00, Monday to Friday") String workingHours,
        List<OrganisationUsage> organisations) {

    /** One organisation's usage. */
    @Schema(name = "OrganisationUsage")
    public record OrganisationUsage(
            @Schema(example = "school-17") String org,
            @Schema(example = "412") long checks,
            @Schema(description = "Checks per local day") List<DayCount> perDay,

            @Schema(description = "Checks per verdict", example = "{\"NO_MATCH\": 409, \"POSSIBLE_MATCH\": 3}")
            Map<String, Long> verdicts,

            @Schema(description = "Share of checks outside working hours or on weekends, 0-1", example = "0.02")
            double outsideWorkingHoursShare,

            @Schema(description = "Distinct candidates (normalised name and date of birth) queried", example = "401")
            long distinctCandidates,

            @Schema(description = "Candidates checked more than the repeat threshold", example = "3")
            long repeatedCandidates,

            @Schema(description = "Most checks of one candidate", example = "4")
            long maxChecksOfOneCandidate,

            @Schema(description = "Distinct screeners (token subjects)", example = "2")
            long screeners,

            @Schema(description = "Whether the checks look like a sweep of the registry rather than screening")
            SweepSignals sweep,

            @Schema(description = "What the registry disclosed to this organisation in the period")
            Disclosure disclosure) {}

    /**
     * Registry entries disclosed (with their details) in check answers, counted as distinct entries per day, and the
     * queries refused for disclosing too much (thresholds {@code qorgau.disclosure.*}).
     */
    @Schema(name = "DisclosureUsage")
    public record Disclosure(
            @Schema(description = "Distinct registry entries shown in the period", example = "2")
            long entriesDisclosed,

            @Schema(description = "Most distinct entries shown to the organisation on one day", example = "1")
            long mostEntriesInOneDay,

            @Schema(
                    description = "Most distinct entries shown to one screener (token subject) on one day",
                    example = "1")
            long mostEntriesToOneSubjectInOneDay,

            @Schema(
                    description = "Checks refused as too broad to screen (they matched more entries than one answer"
                            + " may disclose)",
                    example = "0")
            long tooBroadQueries,

            @Schema(
                    description = "Checks refused because the daily cap on disclosed entries was reached",
                    example = "0")
            long dailyCapRefusals) {}

    /**
     * The registry-sweep detector's findings for one organisation (thresholds {@code qorgau.usage.sweep.*}). Names
     * are compared after NFKC normalisation and case folding, in the order the checks were made.
     */
    @Schema(name = "SweepSignals")
    public record SweepSignals(
            @Schema(description = "True when any reason below applies: an auditor should look at this organisation")
            boolean suspected,

            @Schema(
                    description = "Which signals crossed their thresholds",
                    enumeration = {"many-distinct-hits", "alphabetical-sweep", "date-sweep"})
            List<String> reasons,

            @Schema(description = "Distinct names that got MATCH or POSSIBLE_MATCH", example = "0")
            long distinctNamesWithHits,

            @Schema(description = "Share of checks with MATCH or POSSIBLE_MATCH, 0-1", example = "0.002")
            double hitShare,

            @Schema(description = "Longest run of consecutive checks with names in ascending order", example = "4")
            long longestAlphabeticalRun,

            @Schema(description = "Longest run of consecutive checks with dates of birth ascending or descending")
            long longestDateRun,

            @Schema(description = "Most different dates of birth checked with one name", example = "1")
            long maxDatesForOneName) {}

    /** Checks on one day. */
    @Schema(name = "DayCount")
    public record DayCount(LocalDate day, long checks) {}
}
