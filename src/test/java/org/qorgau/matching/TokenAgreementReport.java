package org.qorgau.matching;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Token-level view of the real-name suite, for tuning on a development fifth (never the held-out one): for each
 * Latin/Russian rendering of that fifth, whether the candidate index would bring one to the other (a shared key) and
 * whether the comparator lets them agree, with the failures listed. A person is found when both of their tokens
 * agree and one of them is retrieved, so token rates of r give person recall of about r².
 *
 * <pre>
 * java -cp ... org.qorgau.matching.TokenAgreementReport wd_russian_80.tsv FOLD MODEL.tsv [LIST_LIMIT]
 * </pre>
 */
public final class TokenAgreementReport {

    private TokenAgreementReport() {}

    public static void main(String[] args) throws IOException {
        int fold = Integer.parseInt(args[1]);
        if (fold == 0) {
            throw new IllegalArgumentException("fold 0 is the held-out fifth: tune on 1-4");
        }
        try (InputStream in = Files.newInputStream(Path.of(args[2]))) {
            RenderingModel.replaceStandard(RenderingModel.load(in));
        }
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        NameComparator names = new NameComparator(MatchingParameters.loadDefault());
        int total = 0;
        int agree = 0;
        int retrieved = 0;
        int both = 0;
        List<String> failures = new ArrayList<>();
        List<NameToken[]> pairs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length < 2 || f[0].isBlank()) {
                continue;
            }
            String latin = f[0].trim();
            String cyr = f[1].replace(" ", "").trim();
            if (foldOf(latin) != fold || latin.codePointCount(0, latin.length()) < 2 || cyr.length() < 2) {
                continue;
            }
            ParsedName pl = ParsedName.parse(capital(latin));
            ParsedName pc = ParsedName.parse(capital(cyr));
            if (pl.core().length != 1 || pc.core().length != 1) {
                continue;
            }
            NameToken l = pl.core()[0];
            NameToken c = pc.core()[0];
            total++;
            pairs.add(new NameToken[] {l, c});
            NameComparator.TokenLevel level = names.compareTokens(l, c);
            boolean a = level.agrees() && level != NameComparator.TokenLevel.INITIAL;
            Set<String> kl = new HashSet<>();
            Set<String> kc = new HashSet<>();
            CandidateIndex.keys(l, kl);
            CandidateIndex.keys(c, kc);
            kl.retainAll(kc);
            boolean r = !kl.isEmpty();
            agree += a ? 1 : 0;
            retrieved += r ? 1 : 0;
            both += a && r ? 1 : 0;
            if ((!a || !r) && failures.size() < limit) {
                RenderingModel.Alignment al = RenderingModel.standard().align(l.frame(), c.frame());
                failures.add(String.format(
                        Locale.ROOT,
                        "%-22s %-22s %-12s %s reading=%s %s key=%s cost/sym=%s %s",
                        latin,
                        cyr,
                        level,
                        r ? "retrieved" : "NOT-RETRIEVED",
                        l.reading(),
                        l.readings(),
                        c.key(),
                        al == null
                                ? "-"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2f",
                                        al.cost()
                                                / (l.frame().length()
                                                        + c.frame().length())),
                        al == null ? "" : al.describe()));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "fold %d, %d tokens: agree %.2f %%, retrieved %.2f %%, both %.2f %% (person ~ %.2f %%)%n",
                fold,
                total,
                100.0 * agree / total,
                100.0 * retrieved / total,
                100.0 * both / total,
                100.0 * Math.pow((double) both / total, 2));
        // Near misses: each Latin token against another rendering's Cyrillic token that starts with the same letter of
        // the key and has a similar length (how often the comparator lets two different names agree).
        java.util.Map<String, List<NameToken>> byStart = new java.util.HashMap<>();
        for (NameToken[] p : pairs) {
            byStart.computeIfAbsent(p[1].key().substring(0, 1), x -> new ArrayList<>())
                    .add(p[1]);
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int negatives = 0;
        int falseAgree = 0;
        int falseRendering = 0;
        List<String> falseList = new ArrayList<>();
        for (NameToken[] p : pairs) {
            List<NameToken> same = byStart.get(p[1].key().substring(0, 1));
            NameToken other = p[1];
            for (int k = 0;
                    k < 20
                            && (other.key().equals(p[1].key())
                                    || Math.abs(other.key().length()
                                                    - p[1].key().length())
                                            > 2);
                    k++) {
                other = same.get(r.nextInt(same.size()));
            }
            if (other.key().equals(p[1].key())) {
                continue;
            }
            negatives++;
            NameComparator.TokenLevel level = names.compareTokens(p[0], other);
            if (level.agrees() && level != NameComparator.TokenLevel.INITIAL) {
                falseAgree++;
                if (level == NameComparator.TokenLevel.RENDERING) {
                    falseRendering++;
                    if (falseList.size() < 40) {
                        falseList.add(p[0].text() + " ~ " + other.text());
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "near-miss pairs %d: agree %.2f %%, as RENDERING %.2f %%: %s%n",
                negatives,
                100.0 * falseAgree / negatives,
                100.0 * falseRendering / negatives,
                falseList);
        // Separation of the two scores for pairs that pass the rendering gate and no earlier level: the share of true
        // and
        // of near-miss pairs that agree at a grid of name.rendering.maxCostPerSymbol / shortPenalty settings.
        java.util.SplittableRandom r2 = new java.util.SplittableRandom(5);
        List<double[]> pos = new ArrayList<>();
        List<double[]> neg = new ArrayList<>();
        int basePos = 0;
        int baseNeg = 0;
        for (NameToken[] p : pairs) {
            List<NameToken> same = byStart.get(p[1].key().substring(0, 1));
            NameToken other = p[1];
            for (int k = 0;
                    k < 20
                            && (other.key().equals(p[1].key())
                                    || Math.abs(other.key().length()
                                                    - p[1].key().length())
                                            > 2);
                    k++) {
                other = same.get(r2.nextInt(same.size()));
            }
            for (int side = 0; side < 2; side++) {
                NameToken c = side == 0 ? p[1] : other;
                if (side == 1 && other.key().equals(p[1].key())) {
                    continue;
                }
                NameComparator.TokenLevel lv = names.compareTokens(p[0], c);
                boolean earlier = lv.agrees()
                        && lv != NameComparator.TokenLevel.RENDERING
                        && lv != NameComparator.TokenLevel.INITIAL;
                if (earlier) {
                    if (side == 0) basePos++;
                    else baseNeg++;
                    continue;
                }
                if (!names.renderingGate(p[0], c)) {
                    continue;
                }
                RenderingModel.Alignment al = RenderingModel.standard().align(p[0].frame(), c.frame());
                if (al == null) {
                    continue;
                }
                int sym = p[0].frame().length() + c.frame().length();
                double[] v = {al.cost() / sym, 0, sym};
                (side == 0 ? pos : neg).add(v);
            }
        }
        for (double t : new double[] {3.0, 3.25, 3.5, 3.75, 4.0}) {
            for (double c0 : new double[] {0, 8}) {
                System.out.printf(
                        Locale.ROOT,
                        "joint t=%.2f c0=%.0f: true %.2f %%, near-miss %.3f %%%n",
                        t,
                        c0,
                        100.0
                                * (basePos
                                        + pos.stream()
                                                .filter(v -> v[0] + c0 / v[2] <= t)
                                                .count())
                                / total,
                        100.0
                                * (baseNeg
                                        + neg.stream()
                                                .filter(v -> v[0] + c0 / v[2] <= t)
                                                .count())
                                / negatives);
            }
        }
        failures.forEach(System.out::println);
    }

    private static String capital(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static int foldOf(String latin) {
        int h = 0x811c9dc5;
        for (byte b : latin.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return Integer.remainderUnsigned(h, 5);
    }
}
