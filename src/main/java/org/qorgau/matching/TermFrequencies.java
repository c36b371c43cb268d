package org.qorgau.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each canonical name-token key occurs in the registry (each entry counted once per key), smoothed towards
 * a prior frequency so that small registries do not make every name look unique or universal:
 * {@code p = (count + pseudoCount * prior) / (entries + pseudoCount)}.
 *
 * <table>
 *   <caption>Edge cases (prior 0.003, pseudoCount 50)</caption>
 *   <tr><th>registry</th><th>{@code frequency(key)}</th></tr>
 *   <tr><td>empty</td><td>0.003 (the prior)</td></tr>
 *   <tr><td>1 entry with the key</td><td>(1 + 0.15) / 51 ≈ 0.023</td></tr>
 *   <tr><td>1,000,000 entries, 20,000 with the key</td><td>≈ 0.02</td></tr>
 *   <tr><td>1,000,000 entries, key absent</td><td>≈ 1.5e-7</td></tr>
 * </table>
 */
public final class TermFrequencies {

    private final Map<String, Integer> counts;
    private final int entries;
    private final double prior;
    private final double pseudoCount;

    TermFrequencies(Map<String, Integer> counts, int entries, MatchingParameters p) {
        this.counts = counts;
        this.entries = entries;
        this.prior = p.get("name.tf.priorFrequency");
        this.pseudoCount = p.get("name.tf.pseudoCount");
    }

    /** Counting helper for the build. */
    static final class Counter {
        private final Map<String, Integer> counts = new HashMap<>();

        void add(String key) {
            counts.merge(key, 1, Integer::sum);
        }

        TermFrequencies build(int entries, MatchingParameters p) {
            return new TermFrequencies(counts, entries, p);
        }
    }

    /** How many registry entries have a name token with this key. */
    public int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    public double frequency(String key) {
        int c = counts.getOrDefault(key, 0);
        return (c + pseudoCount * prior) / (entries + pseudoCount);
    }

    /** Product of the keys' frequencies: the chance that a random entry agrees on all of them. */
    public double product(List<String> keys) {
        double u = 1;
        for (String k : keys) {
            u *= frequency(k);
        }
        return u;
    }
}
