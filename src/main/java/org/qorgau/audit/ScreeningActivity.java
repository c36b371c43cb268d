package org.qorgau.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The counts of screening activity the usage report needs, asked of the package that owns the checks and disclosures.
 * Declared here and implemented there, so the audit side reads no screening table and screening, which writes audit
 * events, is not imported back.
 */
public interface ScreeningActivity {

    /** A period [{@code start}, {@code end}), optionally of one organisation, with days counted in {@code zone}. */
    record Window(Instant start, Instant end, String org, ZoneId zone) {}

    /** One organisation's checks, distinct candidates, distinct screeners and checks outside working hours. */
    record Checks(String org, long checks, long distinctCandidates, long screeners, long outsideHours) {}

    /** One organisation's checks on one day. */
    record ChecksOnDay(String org, LocalDate day, long checks) {}

    /** One organisation's checks with one verdict. */
    record VerdictCount(String org, String verdict, long checks) {}

    /** Candidates checked more than the threshold, and the most checks of one candidate. */
    record Repeats(String org, long repeatedCandidates, long mostChecksOfOne) {}

    /** Distinct registry entries disclosed, the most in one day, and the most to one subject in one day. */
    record Disclosed(String org, long entries, long mostInOneDay, long mostToOneSubject) {}

    /** Per organisation; "outside" is a weekend day or a time before {@code workdayStart} or from {@code workdayEnd}. */
    List<Checks> checks(Window window, LocalTime workdayStart, LocalTime workdayEnd);

    /** Per organisation and day, in order. */
    List<ChecksOnDay> checksPerDay(Window window);

    List<VerdictCount> verdicts(Window window);

    List<Repeats> repeats(Window window, int threshold);

    /** Per organisation, over the days of the window in its zone. */
    List<Disclosed> disclosed(Window window);
}
