package org.qorgau.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.qorgau.matching.Match;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.Screening;
import org.qorgau.matching.Verdict;

/**
 * Screens labelled probes and tallies the outcome per variant / kind.
 *
 * <p>A registered probe is <em>found</em> when the overall verdict is not NO_MATCH and the expected id is among the
 * matches with a verdict other than NO_MATCH; MATCH / POSSIBLE columns give that match's own verdict. "Other MATCH"
 * counts registered probes where some other registry person was called MATCH. A not-registered probe counts as a
 * false MATCH or a false POSSIBLE by the overall verdict. An exception while screening counts as not found (registered)
 * and is listed separately.
 */
public final class ScreeningReport {

    /** Quality targets from docs/design.md. */
    public static final double RECALL_BAR = 0.99;

    public static final double FALSE_MATCH_BAR = 0.001;
    public static final double FALSE_POSSIBLE_BAR = 0.02;

    /** Counts for one variant or kind. */
    public static final class Tally {
        int n;
        int found;
        int foundMatch;
        int foundPossible;
        int otherMatch;
        int falseMatch;
        int falsePossible;
        int errors;

        void add(Tally t) {
            n += t.n;
            found += t.found;
            foundMatch += t.foundMatch;
            foundPossible += t.foundPossible;
            otherMatch += t.otherMatch;
            falseMatch += t.falseMatch;
            falsePossible += t.falsePossible;
            errors += t.errors;
        }

        public int n() {
            return n;
        }

        public double recall() {
            return ratio(found, n);
        }

        public double falseMatchRate() {
            return ratio(falseMatch, n);
        }

        public double falsePossibleRate() {
            return ratio(falsePossible, n);
        }
    }

    final Map<String, Tally> registered = new LinkedHashMap<>();
    final Map<String, Tally> notRegistered = new LinkedHashMap<>();
    final Tally registeredTotal = new Tally();
    final Tally notRegisteredTotal = new Tally();
    double seconds;

    public Tally registeredTotal() {
        return registeredTotal;
    }

    public Tally notRegisteredTotal() {
        return notRegisteredTotal;
    }

    public Tally variant(String name) {
        Tally t = registered.get(name);
        return t != null ? t : notRegistered.get(name);
    }

    /** Screens every probe (on {@code threads} threads; matchers are thread-safe by contract) and tallies. */
    public static ScreeningReport evaluate(Matcher matcher, List<LabelledProbe> probes, int threads) {
        Tally[] outcomes = new Tally[probes.size()];
        long start = System.nanoTime();
        Runnable work = () -> IntStream.range(0, probes.size())
                .parallel()
                .forEach(i -> outcomes[i] = outcome(matcher, probes.get(i)));
        if (threads <= 1) {
            for (int i = 0; i < probes.size(); i++) {
                outcomes[i] = outcome(matcher, probes.get(i));
            }
        } else {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(work).join();
            } finally {
                pool.shutdown();
            }
        }
        ScreeningReport report = new ScreeningReport();
        report.seconds = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < probes.size(); i++) {
            LabelledProbe p = probes.get(i);
            Map<String, Tally> group = p.registered() ? report.registered : report.notRegistered;
            group.computeIfAbsent(p.variant(), k -> new Tally()).add(outcomes[i]);
            (p.registered() ? report.registeredTotal : report.notRegisteredTotal).add(outcomes[i]);
        }
        return report;
    }

    static Tally outcome(Matcher matcher, LabelledProbe p) {
        Tally t = new Tally();
        t.n = 1;
        Screening s;
        try {
            s = matcher.screen(p.probe());
        } catch (RuntimeException e) {
            t.errors = 1;
            return t;
        }
        if (p.registered()) {
            for (Match m : s.matches()) {
                if (m.externalId().equals(p.expectedId())) {
                    if (m.verdict() != Verdict.NO_MATCH && s.verdict() != Verdict.NO_MATCH && t.found == 0) {
                        t.found = 1;
                        t.foundMatch = m.verdict() == Verdict.MATCH ? 1 : 0;
                        t.foundPossible = m.verdict() == Verdict.POSSIBLE_MATCH ? 1 : 0;
                    }
                } else if (m.verdict() == Verdict.MATCH) {
                    t.otherMatch = 1;
                }
            }
        } else {
            t.falseMatch = s.verdict() == Verdict.MATCH ? 1 : 0;
            t.falsePossible = s.verdict() == Verdict.POSSIBLE_MATCH ? 1 : 0;
        }
        return t;
    }

    /** Markdown tables: registered variants, not-registered kinds, overall against the bars. */
    public String toMarkdown(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(title).append("\n\n");
        sb.append("Registered people (found = verdict ≠ NO_MATCH and expected id among matches; bar ≥ 99 %)\n\n");
        sb.append("| variant | n | found % | MATCH % | POSSIBLE % | other id MATCH % | errors | bar |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|:---:|\n");
        for (Map.Entry<String, Tally> e : registered.entrySet()) {
            Tally t = e.getValue();
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f | %.2f | %d | %s |%n",
                    e.getKey(),
                    t.n,
                    pct(t.found, t.n),
                    pct(t.foundMatch, t.n),
                    pct(t.foundPossible, t.n),
                    pct(t.otherMatch, t.n),
                    t.errors,
                    t.recall() >= RECALL_BAR ? "ok" : "FAIL"));
        }
        sb.append("\nPeople not registered (expected NO_MATCH; bars: false MATCH ≤ 0.1 %, POSSIBLE ≤ 2 %)\n\n");
        sb.append("| kind | n | false MATCH % | false POSSIBLE % | errors | bar |\n");
        sb.append("|---|---:|---:|---:|---:|:---:|\n");
        for (Map.Entry<String, Tally> e : notRegistered.entrySet()) {
            Tally t = e.getValue();
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %d | %s |%n",
                    e.getKey(),
                    t.n,
                    pct(t.falseMatch, t.n),
                    pct(t.falsePossible, t.n),
                    t.errors,
                    t.falseMatchRate() <= FALSE_MATCH_BAR && t.falsePossibleRate() <= FALSE_POSSIBLE_BAR
                            ? "ok"
                            : "FAIL"));
        }
        sb.append("\nOverall\n\n| measure | value | bar | |\n|---|---:|---:|:---:|\n");
        sb.append(String.format(
                Locale.ROOT,
                "| recall (%d registered probes) | %.2f %% | ≥ 99 %% | %s |%n",
                registeredTotal.n,
                pct(registeredTotal.found, registeredTotal.n),
                registeredTotal.recall() >= RECALL_BAR ? "ok" : "FAIL"));
        sb.append(String.format(
                Locale.ROOT,
                "| false MATCH (%d not-registered probes) | %.3f %% | ≤ 0.1 %% | %s |%n",
                notRegisteredTotal.n,
                pct(notRegisteredTotal.falseMatch, notRegisteredTotal.n),
                notRegisteredTotal.falseMatchRate() <= FALSE_MATCH_BAR ? "ok" : "FAIL"));
        sb.append(String.format(
                Locale.ROOT,
                "| false POSSIBLE_MATCH | %.2f %% | ≤ 2 %% | %s |%n",
                pct(notRegisteredTotal.falsePossible, notRegisteredTotal.n),
                notRegisteredTotal.falsePossibleRate() <= FALSE_POSSIBLE_BAR ? "ok" : "FAIL"));
        int total = registeredTotal.n + notRegisteredTotal.n;
        sb.append(String.format(
                Locale.ROOT,
                "| screening errors | %d | 0 | %s |%n",
                registeredTotal.errors + notRegisteredTotal.errors,
                registeredTotal.errors + notRegisteredTotal.errors == 0 ? "ok" : "FAIL"));
        sb.append(String.format(
                Locale.ROOT,
                "%n%d probes screened in %.1f s (%.0f probes/s)%n",
                total,
                seconds,
                seconds > 0 ? total / seconds : 0));
        return sb.toString();
    }

    static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    static double pct(int a, int b) {
        return 100.0 * ratio(a, b);
    }

    static List<String> names(Map<String, Tally> m) {
        return new ArrayList<>(m.keySet());
    }
}
