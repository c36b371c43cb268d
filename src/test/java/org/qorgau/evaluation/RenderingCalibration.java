package org.qorgau.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.qorgau.matching.NameToken;
import org.qorgau.matching.RenderingModel;

/**
 * Prints how the shipped rendering model separates true renderings from near-miss pairs on the development part of
 * the Wikidata renderings (never the held-out part), for choosing {@code name.rendering.*}: quantiles of the
 * alignment cost per framed symbol for true pairs and for "hard" wrong pairs (a Latin token against another token's
 * Russian rendering whose canonical key starts with the same symbol and has a similar length).
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.qorgau.evaluation.RenderingCalibration -Dexec.args="PATH/wd_russian_80.tsv"
 * </pre>
 */
public final class RenderingCalibration {

    private RenderingCalibration() {}

    public static void main(String[] args) {
        List<RealNames.Rendering> dev = RealNames.dev(RealNames.read(Path.of(args[0])));
        RenderingModel model = RenderingModel.standard();
        SplittableRandom r = new SplittableRandom(5);
        Map<String, List<NameToken>> byStart = new HashMap<>();
        List<NameToken[]> truePairs = new ArrayList<>();
        for (RealNames.Rendering d : dev) {
            NameToken lat = NameToken.of(org.qorgau.matching.NameNormalizer.normalize(d.latin()));
            NameToken cyr = NameToken.of(org.qorgau.matching.NameNormalizer.normalize(d.cyrillic()));
            if (lat.key().isEmpty()
                    || cyr.key().isEmpty()
                    || lat.frame().isEmpty()
                    || cyr.frame().isEmpty()) {
                continue;
            }
            truePairs.add(new NameToken[] {lat, cyr});
            byStart.computeIfAbsent(cyr.key().substring(0, 1), k -> new ArrayList<>())
                    .add(cyr);
        }
        int sample = Math.min(20000, truePairs.size());
        double[] pos = new double[sample];
        double[] neg = new double[sample];
        int posNull = 0;
        int negNull = 0;
        for (int i = 0; i < sample; i++) {
            NameToken[] p = truePairs.get(r.nextInt(truePairs.size()));
            pos[i] = perSymbol(model, p[0], p[1]);
            if (Double.isInfinite(pos[i])) {
                posNull++;
            }
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
            neg[i] = perSymbol(model, p[0], other);
            if (Double.isInfinite(neg[i])) {
                negNull++;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        System.out.printf(
                Locale.ROOT,
                "true pairs %d (unaligned %d), near-miss pairs %d (unaligned %d)%n",
                sample,
                posNull,
                sample,
                negNull);
        for (double q : new double[] {0.5, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99}) {
            double t = pos[(int) (q * (sample - 1))];
            int below = 0;
            for (double v : neg) {
                if (v <= t) {
                    below++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "true-pair quantile %.2f: cost/symbol %.3f; near-miss pairs at or below: %.2f %%%n",
                    q,
                    t,
                    100.0 * below / sample);
        }
    }

    private static double perSymbol(RenderingModel model, NameToken lat, NameToken cyr) {
        RenderingModel.Alignment a = model.align(lat.frame(), cyr.frame());
        return a == null
                ? Double.POSITIVE_INFINITY
                : a.cost() / (lat.frame().length() + cyr.frame().length());
    }
}
