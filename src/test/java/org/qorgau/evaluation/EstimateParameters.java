package org.qorgau.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.qorgau.matching.MatchingParameters;
import org.qorgau.matching.ParameterEstimator;
import org.qorgau.matching.RegistryPerson;

/**
 * Estimates the matching engine's m/u probabilities and verdict thresholds from a labelled Kazakh/Russian TRAINING
 * set and writes a parameters file (comments and keys of the template kept, see {@link ParameterEstimator#rewrite}).
 *
 * <pre>
 * scripts/estimate-parameters [--out=src/main/resources/matching/parameters.properties] [--id=kzru-train-s1-s2-v2]
 *     [--registry=20000] [--registry-seed=1] [--probe-seed=2] [--per-variant=500] [--per-kind=2000]
 *     [--u-pairs=random|blocked] [--random-per-probe=50] [--max-false-match=0.0001] [--max-false-possible=0.01]
 *     [--template=src/main/resources/matching/parameters-hand.properties]
 * </pre>
 *
 * <p>Training data: {@link KazakhRussianGenerator} registry (seed 1) and {@link ProbeGenerator} probes (seed 2): seeds
 * different from the evaluation's (20261125 / 7777), so the evaluation measures the estimate on unseen people and
 * probes. Pairs, compared with the engine's own comparators ({@link ParameterEstimator.LabelledProbes}):
 *
 * <ul>
 *   <li>matched: every registered probe vs its true registry entry; m = P(level | match);
 *   <li>unmatched: every probe vs {@code --random-per-probe} random registry entries other than its own
 *       ({@code --u-pairs=random}, default; u = P(level | non-match) over all pairs, the scale the name
 *       term-frequency u is on) or vs every other candidate the engine's index returns ({@code blocked}).
 * </ul>
 *
 * m and u are add-one (Laplace) smoothed over the field's levels. Thresholds: scoring the training probes' index
 * candidates with the new m/u, {@code verdict.match.minWeight} is the lowest multiple of 0.25 (at least 0) that keeps
 * the not-registered probes' false MATCH rate ≤ {@code --max-false-match}; then {@code verdict.possible.minWeight} the
 * lowest that keeps their false POSSIBLE_MATCH rate ≤ {@code --max-false-possible}. Lower thresholds only add
 * verdicts, so the lowest admissible thresholds maximise recall. The verdict hard rules are not parameters.
 */
public final class EstimateParameters {

    private EstimateParameters() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(Engines.arg(args, "out", "src/main/resources/matching/parameters.properties"));
        Path template =
                Path.of(Engines.arg(args, "template", "src/main/resources/matching/parameters-hand.properties"));
        String id = Engines.arg(args, "id", "kzru-train-s1-s2-v2");
        int size = Integer.parseInt(Engines.arg(args, "registry", "20000"));
        long registrySeed = Long.parseLong(Engines.arg(args, "registry-seed", "1"));
        long probeSeed = Long.parseLong(Engines.arg(args, "probe-seed", "2"));
        int perVariant = Integer.parseInt(Engines.arg(args, "per-variant", "500"));
        int perKind = Integer.parseInt(Engines.arg(args, "per-kind", "2000"));
        String uPairs = Engines.arg(args, "u-pairs", "random");
        int randomPerProbe = Integer.parseInt(Engines.arg(args, "random-per-probe", "50"));
        double maxFalseMatch = Double.parseDouble(Engines.arg(args, "max-false-match", "0.0001"));
        double maxFalsePossible = Double.parseDouble(Engines.arg(args, "max-false-possible", "0.01"));

        String templateText = Files.readString(template, StandardCharsets.UTF_8);
        MatchingParameters start = MatchingParameters.load(template);

        List<SyntheticPerson> people = new KazakhRussianGenerator(registrySeed).registry(size);
        List<RegistryPerson> registry =
                people.stream().map(SyntheticPerson::toRegistryPerson).toList();
        List<LabelledProbe> probes = new ProbeGenerator(people, probeSeed).generate(perVariant, perKind);
        ParameterEstimator.LabelledProbes training = new ParameterEstimator.LabelledProbes(
                start,
                registry,
                probes.stream().map(LabelledProbe::probe).toList(),
                probes.stream().map(LabelledProbe::expectedId).toList(),
                uPairs.equals("random") ? randomPerProbe : 0,
                probeSeed);
        ParameterEstimator.PairCounts unmatched = switch (uPairs) {
            case "random" -> training.random;
            case "blocked" -> training.blocked;
            default -> throw new IllegalArgumentException("--u-pairs=random|blocked");
        };
        System.err.println("matched pairs:   " + training.matched);
        System.err.println("blocked non-matches: " + training.blocked);
        System.err.println("random non-matches:  " + training.random);

        Map<String, String> values = ParameterEstimator.laplaceEstimates(training.matched, unmatched);
        values.put("params.id", id);
        Properties props = new Properties();
        props.load(new java.io.StringReader(ParameterEstimator.rewrite(templateText, values)));
        MatchingParameters estimated = MatchingParameters.of(props);
        ParameterEstimator.Thresholds t =
                training.chooseThresholds(estimated, maxFalseMatch, maxFalsePossible, 0.25, 0);
        System.err.println("thresholds: " + t);
        values.put("verdict.match.minWeight", fmt(t.match()));
        values.put("verdict.possible.minWeight", fmt(t.possible()));

        String command = String.format(
                Locale.ROOT,
                "scripts/estimate-parameters --out=%s --template=%s --id=%s --registry=%d --registry-seed=%d"
                        + "\n#     --probe-seed=%d --per-variant=%d --per-kind=%d --u-pairs=%s --random-per-probe=%d"
                        + " --max-false-match=%s --max-false-possible=%s",
                out,
                template,
                id,
                size,
                registrySeed,
                probeSeed,
                perVariant,
                perKind,
                uPairs,
                randomPerProbe,
                maxFalseMatch,
                maxFalsePossible);
        String header = String.format(
                Locale.ROOT,
                """
                # Qorgau matching engine parameters (Fellegi-Sunter).
                #
                # m = P(level | same person), u = P(level | different people); each level's weight is log2(m/u).
                # The weights of name, date of birth and photo are summed into the match weight; the verdict rules of
                # FellegiSunterScorer apply hard conditions on top of the thresholds below (a name alone is never a MATCH).
                #
                # ESTIMATED from labelled Kazakh/Russian training data (org.qorgau.evaluation.EstimateParameters), not hand-set.
                # The engine's default set, matching/parameters.properties, is this command's output (see README,
                # "Matching quality and speed"); parameters-hand.properties keeps the earlier hand-set values as template.
                # Re-estimate with:
                #   %s
                # (./mvnw -q test-compile exec:java -Dexec.classpathScope=test
                #   -Dexec.mainClass=org.qorgau.evaluation.EstimateParameters -Dexec.args="...")
                # Template (comments, tolerances, term-frequency and prior keys kept): %s.
                #
                # Training set: KazakhRussianGenerator registry of %d people, seed %d; ProbeGenerator probes, seed %d
                # (%d per variant, %d per not-registered kind) -- seeds different from the evaluation's (20261125 / 7777).
                # Pairs, compared with the engine's own comparators (name, date of birth, photo bands):
                #   matched:   each registered probe vs its true registry entry (%d pairs; dates on both sides: %d;
                #              photos on both sides: %d)          -> m = P(level | match)
                #   unmatched: %s (%d pairs; dates: %d; photos: %d) -> u = P(level | non-match)
                # m and u are add-one (Laplace) smoothed: (count + 1) / (pairs + number of levels); name 7 levels, date 6
                # (MISSING is m = u = 1 by definition), photo 5 (the 4 bands and "farther than 31 bits").
                # For EXACT, TRANSLITERATION_EQUAL and TOKEN_SUBSET names the u below is replaced at run time by the
                # registry term frequency (name.tf.*), as before. A level the training probes never show gets its m from
                # the smoothing alone: the generator has no year +-1 variant, so YEAR_PLUS_MINUS_ONE weighs against a
                # match until labelled data with that error exists.
                #
                # Thresholds: the training probes' index candidates are scored with these m/u; verdict.match.minWeight
                # is the lowest multiple of 0.25 (>= 0) that keeps false MATCH on the not-registered training probes
                # <= %.3f %%, then verdict.possible.minWeight the lowest (>= 0) that keeps their false POSSIBLE_MATCH
                # <= %.2f %%. (The verdict rules' hard conditions -- partial dates and date errors on common names give
                # at most POSSIBLE_MATCH -- are applied while choosing.)
                # Lowering a threshold only adds verdicts, so these are the recall-maximising admissible thresholds.
                # On the training probes: %s.
                """,
                command,
                template,
                size,
                registrySeed,
                probeSeed,
                perVariant,
                perKind,
                training.matched.name.total(),
                training.matched.date.total(),
                training.matched.photo.total(),
                uPairs.equals("random")
                        ? "each probe vs " + randomPerProbe + " random other registry entries"
                        : "each probe vs every other candidate of the engine's index",
                unmatched.name.total(),
                unmatched.date.total(),
                unmatched.photo.total(),
                100 * maxFalseMatch,
                100 * maxFalsePossible,
                t.toString().replace(", false MATCH", ",\n#   false MATCH").replace("(", "\n#   ("));
        int body = templateText.indexOf("# Identifier of this parameter set");
        String text = ParameterEstimator.rewrite(header + "\n" + templateText.substring(body), values);
        Files.writeString(out, text, StandardCharsets.UTF_8);
        MatchingParameters.load(out); // validates
        values.forEach((k, v) -> System.out.println(k + "=" + v));
        System.out.println("wrote " + out);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
