package org.qorgau.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.qorgau.matching.RenderingModel;

/**
 * Learns the Latin → Russian rendering model ({@link RenderingModel}) from the development part of the Wikidata
 * renderings ({@link RealNames#dev}; the held-out fifth is never read here) by Viterbi EM:
 *
 * <ol>
 *   <li>Each pair is framed ({@code ^didier$}, {@code ^дидье$}) and segmented into pairs of a Latin group and a
 *       Cyrillic group: up to 3 Latin letters for at most one Cyrillic letter, or one Latin letter for up to two;
 *       frame symbols pair only with frame symbols at the same edge.
 *   <li>Iteration 0 prices a segment pair by how far the Latin group is from a plain romanisation of the Cyrillic
 *       group (edit distance); every later iteration by {@code -log2} of its relative frequency in the previous
 *       iteration's best alignments (unseen pairs: the seed price plus a penalty, so every pair still aligns).
 *   <li>The model keeps the segment pairs used at least {@code --min-count} times, with their joint costs.
 * </ol>
 *
 * <pre>
 * scripts/learn-rendering-model PATH/wd_russian_80.tsv [--iterations=5] [--min-count=2]
 *     [--out=src/main/resources/matching/rendering-latin-russian.tsv] [--id=wd-ru-dev80-v1]
 * </pre>
 *
 * Deterministic: the same file and options give the same table.
 */
public final class LearnRenderingModel {

    private static final double UNSEEN_PENALTY = 14;

    private LearnRenderingModel() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: LearnRenderingModel PATH/wd_russian_80.tsv [--options]");
        }
        Path data = Path.of(args[0]);
        int iterations = Integer.parseInt(Engines.arg(args, "iterations", "5"));
        int minCount = Integer.parseInt(Engines.arg(args, "min-count", "2"));
        String out = Engines.arg(args, "out", "src/main/resources/matching/rendering-latin-russian.tsv");
        String id = Engines.arg(args, "id", "wd-ru-dev80-v1");
        // Wikidata pairs some names with another name altogether (an art name, a translation, a different person's
        // label); after the first iterations such pairs align only at a high cost per symbol and are left out of the
        // counts, so they do not teach the model letter pairs that no rendering uses.
        double outlierBits = Double.parseDouble(Engines.arg(args, "outlier-bits", "Infinity"));

        // --exclude-fold=N (1-4) also leaves out that fifth, so that a model can be tuned against it
        // (scripts/evaluate --suite=real --real-fold=N --rendering-model=FILE) without looking at the held-out fifth.
        int excludeFold = Integer.parseInt(Engines.arg(args, "exclude-fold", "0"));
        List<RealNames.Rendering> dev = RealNames.dev(RealNames.read(data), excludeFold);
        List<String[]> pairs = new ArrayList<>();
        for (RealNames.Rendering r : dev) {
            String l = RenderingModel.latinInput(r.latin());
            String c = RenderingModel.cyrillicInput(r.cyrillic());
            if (!l.isEmpty() && !c.isEmpty() && l.length() <= 32 && c.length() <= 32) {
                pairs.add(new String[] {l, c});
            }
        }
        System.err.printf(Locale.ROOT, "%d development pairs (of %d)%n", pairs.size(), dev.size());
        Map<String, Double> seed = new HashMap<>();
        Map<String, Integer> counts = null;
        for (int it = 0; it <= iterations; it++) {
            Map<String, Double> price = new HashMap<>();
            if (counts != null) {
                long total =
                        counts.values().stream().mapToLong(Integer::longValue).sum();
                counts.forEach((k, v) -> price.put(k, -log2((double) v / total)));
            }
            Map<String, Integer> next = new HashMap<>();
            double totalCost = 0;
            int failed = 0;
            int outliers = 0;
            for (String[] p : pairs) {
                List<String> path = viterbi(p[0], p[1], price, seed, counts == null);
                if (path == null) {
                    failed++;
                    continue;
                }
                if (it >= 2 && outlierBits < Double.POSITIVE_INFINITY) {
                    double bits = 0;
                    for (String seg : path) {
                        Double c = price.get(seg);
                        bits += c != null ? c : UNSEEN_PENALTY + seed.getOrDefault(seg, 20.0);
                    }
                    if (bits / (p[0].length() + p[1].length()) > outlierBits) {
                        outliers++;
                        continue;
                    }
                }
                for (String seg : path) {
                    next.merge(seg, 1, Integer::sum);
                }
                totalCost += path.size();
            }
            counts = next;
            System.err.printf(
                    Locale.ROOT,
                    "iteration %d: %d segment pairs, %.2f segments per pair, %d unaligned, %d outliers left out%n",
                    it,
                    counts.size(),
                    totalCost / pairs.size(),
                    failed,
                    outliers);
        }
        long total = 0;
        Map<String, Integer> kept = new TreeMap<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.put(e.getKey(), e.getValue());
                total += e.getValue();
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# id: ").append(id).append('\n');
        sb.append(
                "# Latin -> Russian rendering model of name tokens (RenderingModel): latin<TAB>cyrillic<TAB>cost in bits\n");
        sb.append("# (-log2 of the joint probability of the segment pair; ^ and $ frame a word).\n");
        sb.append(
                "# DERIVED DATA, do not edit by hand. Learned by Viterbi EM alignment from the development part (4/5,\n");
        sb.append(
                "# by a hash of the Latin token: org.qorgau.evaluation.RealNames) of wd_russian_80.tsv, 131,713 Latin/Russian\n");
        sb.append("# name-token renderings of people in Wikidata, from github:steveash/NETransliteration-COLING2018\n");
        sb.append("# (data/wd_russian_80; MIT licence, Copyright 2018 Amazon.com; Wikidata content CC0).\n");
        sb.append("# Rebuild: scripts/learn-rendering-model PATH/wd_russian_80.tsv --iterations=")
                .append(iterations)
                .append(" --min-count=")
                .append(minCount)
                .append(outlierBits < Double.POSITIVE_INFINITY ? " --outlier-bits=" + outlierBits : "")
                .append(" --id=")
                .append(id)
                .append('\n');
        sb.append(String.format(
                Locale.ROOT,
                "# %d development pairs, %d segment pairs kept (used >= %d times)%n",
                pairs.size(),
                kept.size(),
                minCount));
        for (Map.Entry<String, Integer> e : kept.entrySet()) {
            String[] lc = e.getKey().split("\t", -1);
            sb.append(lc[0])
                    .append('\t')
                    .append(lc[1])
                    .append('\t')
                    .append(String.format(Locale.ROOT, "%.3f", -log2((double) e.getValue() / total)))
                    .append('\n');
        }
        Files.writeString(Path.of(out), sb.toString(), StandardCharsets.UTF_8);
        System.err.println("wrote " + out);
    }

    /** The best segmentation of one pair: its segment pairs as {@code latin<TAB>cyrillic}. */
    private static List<String> viterbi(
            String l, String c, Map<String, Double> price, Map<String, Double> seed, boolean seedOnly) {
        int n = l.length();
        int m = c.length();
        double[] cost = new double[(n + 1) * (m + 1)];
        java.util.Arrays.fill(cost, Double.POSITIVE_INFINITY);
        String[] back = new String[(n + 1) * (m + 1)];
        cost[0] = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= m; j++) {
                double here = cost[i * (m + 1) + j];
                if (here == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int a = 1; a <= RenderingModel.MAX_LATIN && i + a <= n; a++) {
                    String ls = l.substring(i, i + a);
                    for (int b = 0; b <= RenderingModel.MAX_CYRILLIC && j + b <= m; b++) {
                        String cs = c.substring(j, j + b);
                        if (!framesAgree(ls, cs)) {
                            continue;
                        }
                        String key = ls + "\t" + cs;
                        double s;
                        if (seedOnly) {
                            s = seed.computeIfAbsent(key, k -> seedCost(ls, cs));
                        } else {
                            Double p = price.get(key);
                            s = p != null ? p : UNSEEN_PENALTY + seed.computeIfAbsent(key, k -> seedCost(ls, cs));
                        }
                        int to = (i + a) * (m + 1) + j + b;
                        if (here + s < cost[to]) {
                            cost[to] = here + s;
                            back[to] = key;
                        }
                    }
                }
            }
        }
        if (cost[n * (m + 1) + m] == Double.POSITIVE_INFINITY) {
            return null;
        }
        List<String> path = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            String key = back[i * (m + 1) + j];
            path.add(key);
            int tab = key.indexOf('\t');
            i -= tab;
            j -= key.length() - tab - 1;
        }
        return path;
    }

    /** A frame symbol pairs only with the same frame symbol at the same edge of the other group. */
    private static boolean framesAgree(String l, String c) {
        boolean ls = l.startsWith("^");
        boolean cs = c.startsWith("^");
        boolean le = l.endsWith("$");
        boolean ce = c.endsWith("$");
        if (ls != cs || le != ce) {
            return false;
        }
        // A Latin group made only of frame symbols pairs with the frame symbols alone.
        String lCore = l.replace("^", "").replace("$", "");
        String cCore = c.replace("^", "").replace("$", "");
        if (lCore.isEmpty()) {
            return cCore.isEmpty();
        }
        // One-to-many or many-to-one only (as in m2m alignment): up to 3 Latin letters for at most one Cyrillic letter
        // (sch → ш, r$ → ∅), or one Latin letter for up to two Cyrillic letters (x → кс, j → дз). Larger groups would
        // let the joint model memorise whole names instead of learning letter correspondences.
        return (lCore.length() <= 3 && cCore.length() <= 1) || (lCore.length() == 1 && cCore.length() <= 2);
    }

    private static final String[] ROMAN = {
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh",
        "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"
    };

    /** Seed price: segments cost 1 bit each, plus 3 bits per edit between the Latin group and a romanisation. */
    private static double seedCost(String l, String c) {
        StringBuilder roman = new StringBuilder();
        for (int k = 0; k < c.length(); k++) {
            char ch = c.charAt(k);
            if (ch >= 'а' && ch <= 'я') {
                roman.append(ROMAN[ch - 'а']);
            }
        }
        String lCore = l.replace("^", "").replace("$", "");
        return 1 + 3 * distance(lCore, roman.toString());
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
