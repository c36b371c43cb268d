package org.qorgau.evaluation;

import java.util.Locale;
import java.util.Set;

/**
 * Pairwise precision, recall and F1 of predicted links against true links.
 *
 * @param truePositives predicted and true
 * @param falsePositives predicted, not true
 * @param falseNegatives true, not predicted
 */
public record PairwiseMetrics(long truePositives, long falsePositives, long falseNegatives) {

    /** Pairs must be normalised by the caller (e.g. {@link #pair}) so that (a, b) and (b, a) are one pair. */
    public static <T> PairwiseMetrics of(Set<T> predicted, Set<T> truth) {
        long tp = 0;
        for (T p : predicted) {
            if (truth.contains(p)) {
                tp++;
            }
        }
        return new PairwiseMetrics(tp, predicted.size() - tp, truth.size() - tp);
    }

    /** An unordered pair key. */
    public static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    public double precision() {
        long predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : (double) truePositives / predicted;
    }

    public double recall() {
        long actual = truePositives + falseNegatives;
        return actual == 0 ? 0 : (double) truePositives / actual;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    String row(String dataset, String rule) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f |",
                dataset,
                rule,
                truePositives,
                falsePositives,
                falseNegatives,
                precision(),
                recall(),
                f1());
    }
}
