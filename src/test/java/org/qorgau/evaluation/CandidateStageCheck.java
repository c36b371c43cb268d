package org.qorgau.evaluation;

import org.qorgau.matching.BruteForceComparison;

/**
 * The evaluation suites with every answer also computed by brute force (every registry entry scored): prints each
 * suite's usual figures, then how many probes' answers differ from brute force (the candidate stage's recall; must
 * be 0) and the mean number of candidates per probe.
 *
 * <pre>./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.qorgau.evaluation.CandidateStageCheck \
 *   -Dexec.args="--suite=all|synthetic|febrl|real [--real-names=PATH/wd_russian_80.tsv] [evaluate's options]"</pre>
 */
public final class CandidateStageCheck {

    private CandidateStageCheck() {}

    public static void main(String[] args) {
        String suite = Engines.arg(args, "suite", "all");
        StringBuilder summary = new StringBuilder();
        if (suite.equals("all") || suite.equals("synthetic")) {
            BruteForceComparison.Tally tally = new BruteForceComparison.Tally();
            System.out.println(EvaluationHarness.synthetic(BruteForceComparison.checking(tally), "fs", args));
            summary.append("synthetic: ").append(tally).append('\n');
        }
        if (suite.equals("all") || suite.equals("febrl")) {
            BruteForceComparison.Tally tally = new BruteForceComparison.Tally();
            System.out.println(FebrlHarness.run(BruteForceComparison.checking(tally), 0, FebrlHarness.dataDir(args)));
            summary.append("FEBRL3+4: ").append(tally).append('\n');
        }
        if ((suite.equals("all") || suite.equals("real"))
                && !Engines.arg(args, "real-names", "").isEmpty()) {
            BruteForceComparison.Tally tally = new BruteForceComparison.Tally();
            System.out.println(RealNamesHarness.run(BruteForceComparison.checking(tally), "fs", args));
            summary.append("real names (both directions): ").append(tally).append('\n');
        }
        System.out.println("## Candidate stage against brute force\n");
        System.out.println(summary);
    }
}
