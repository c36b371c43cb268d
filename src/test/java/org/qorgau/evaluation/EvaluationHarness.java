package org.qorgau.evaluation;

import java.util.List;
import java.util.Locale;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.RegistryPerson;

/**
 * The project's quality harness: synthetic Kazakh/Russian registry + labelled probes, then FEBRL.
 *
 * <pre>
 * scripts/evaluate [--engine=fs|exact|trigram] [--suite=all|synthetic|febrl] [--registry=20000]
 *                  [--registry-seed=20261125] [--probe-seed=7777] [--per-variant=500] [--per-kind=2000] [--threads=2]
 *                  [--febrl-dir=DIR]
 * scripts/evaluate --suite=real --real-names=PATH/wd_russian_80.tsv [--misses=20]   (see {@link RealNamesHarness})
 * </pre>
 *
 * Equivalent Maven command: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.qorgau.evaluation.EvaluationHarness -Dexec.args="--engine=fs"}.
 *
 * <p>Defaults: registry seed {@value KazakhRussianGenerator#DEFAULT_SEED}, probe seed
 * {@value ProbeGenerator#DEFAULT_SEED}; the same seeds give the same registry, the same probes and so the same tables.
 */
public final class EvaluationHarness {

    private EvaluationHarness() {}

    public static void main(String[] args) {
        String engine = Engines.arg(args, "engine", "fs");
        String suite = Engines.arg(args, "suite", "all");
        String params = Engines.arg(args, "params", "");
        String model = Engines.arg(args, "rendering-model", "");
        if (!model.isEmpty()) {
            // A model learned without the development fifth (LearnRenderingModel --exclude-fold=N), for tuning against
            // that fifth (--real-fold=N); must be in place before the factory reads it.
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(model))) {
                org.qorgau.matching.RenderingModel.replaceStandard(org.qorgau.matching.RenderingModel.load(in));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        MatcherFactory factory = params.isEmpty() || !engine.equals("fs")
                ? Engines.factory(engine)
                : org.qorgau.matching.FellegiSunterMatcherFactory.withParameters(
                        org.qorgau.matching.MatchingParameters.load(java.nio.file.Path.of(params)));
        if (suite.equals("real")) {
            System.out.println(RealNamesHarness.run(factory, engine, args));
            return;
        }
        if (!suite.equals("febrl")) {
            System.out.println(synthetic(factory, engine, args));
        }
        if (!suite.equals("synthetic")) {
            System.out.println(FebrlHarness.run(
                    factory, Integer.parseInt(Engines.arg(args, "misses", "0")), FebrlHarness.dataDir(args)));
        }
    }

    /** Prints the first {@code k} probes of every variant next to the registry name (for reviewing the generator). */
    static void printSamples(List<SyntheticPerson> people, List<LabelledProbe> probes, int k) {
        java.util.Map<String, SyntheticPerson> byId = new java.util.HashMap<>();
        people.forEach(p -> byId.put(p.externalId(), p));
        java.util.Map<String, Integer> shown = new java.util.HashMap<>();
        for (LabelledProbe p : probes) {
            if (shown.merge(p.variant(), 1, Integer::sum) <= k) {
                SyntheticPerson truth = p.expectedId() == null ? null : byId.get(p.expectedId());
                System.out.printf(
                        Locale.ROOT,
                        "%-36s %-50s %-10s %s <- %s%n",
                        p.variant(),
                        p.probe().fullName().replaceAll("[\\u200B-\\u200F\\uFEFF\\u00AD]", "·"),
                        p.probe().dateOfBirth(),
                        p.probe().photoHash() == null
                                ? "-"
                                : p.probe().photoHash().substring(0, 8),
                        truth == null ? "(not registered)" : truth.fullName() + " " + truth.dateOfBirth());
            }
        }
    }

    /**
     * Re-screens and prints up to {@code k} failures per variant / kind: registered probes not found and not-registered
     * probes given a verdict, with the engine's top match and its explanation (for engine tuning; contains synthetic
     * names only).
     */
    static void printFailures(Matcher matcher, List<SyntheticPerson> people, List<LabelledProbe> probes, int k) {
        java.util.Map<String, SyntheticPerson> byId = new java.util.HashMap<>();
        people.forEach(p -> byId.put(p.externalId(), p));
        java.util.Map<String, Integer> shown = new java.util.HashMap<>();
        for (LabelledProbe lp : probes) {
            if (shown.getOrDefault(lp.variant(), 0) >= k) {
                continue;
            }
            ScreeningReport.Tally t = ScreeningReport.outcome(matcher, lp);
            boolean failed = lp.registered() ? t.found == 0 : t.falseMatch + t.falsePossible > 0;
            if (!failed) {
                continue;
            }
            shown.merge(lp.variant(), 1, Integer::sum);
            org.qorgau.matching.Screening s = matcher.screen(lp.probe());
            SyntheticPerson truth = lp.expectedId() == null ? null : byId.get(lp.expectedId());
            System.out.printf(
                    Locale.ROOT,
                    "[%s] probe '%s' %s%s -> %s; expected %s%n",
                    lp.variant(),
                    lp.probe().fullName(),
                    lp.probe().dateOfBirth(),
                    lp.probe().photoHash() == null ? "" : " +photo",
                    s.verdict(),
                    truth == null
                            ? "NO_MATCH"
                            : truth.externalId() + " '" + truth.fullName() + "' " + truth.dateOfBirth());
            s.matches().stream().limit(2).forEach(m -> {
                SyntheticPerson who = byId.get(m.externalId());
                System.out.printf(
                        Locale.ROOT,
                        "    %s %s w=%.2f p=%.3f '%s' %s: %s%n",
                        m.externalId(),
                        m.verdict(),
                        m.matchWeight(),
                        m.probability(),
                        who == null ? "?" : who.fullName(),
                        who == null ? "" : who.dateOfBirth(),
                        m.explanation());
            });
        }
    }

    static String synthetic(MatcherFactory factory, String engine, String[] args) {
        int size = Integer.parseInt(Engines.arg(args, "registry", "20000"));
        long registrySeed =
                Long.parseLong(Engines.arg(args, "registry-seed", String.valueOf(KazakhRussianGenerator.DEFAULT_SEED)));
        long probeSeed = Long.parseLong(Engines.arg(args, "probe-seed", String.valueOf(ProbeGenerator.DEFAULT_SEED)));
        int perVariant = Integer.parseInt(Engines.arg(args, "per-variant", "500"));
        int perKind = Integer.parseInt(Engines.arg(args, "per-kind", "2000"));
        int threads = Integer.parseInt(Engines.arg(args, "threads", "2"));

        List<SyntheticPerson> people = new KazakhRussianGenerator(registrySeed).registry(size);
        List<RegistryPerson> registry =
                people.stream().map(SyntheticPerson::toRegistryPerson).toList();
        List<LabelledProbe> probes = new ProbeGenerator(people, probeSeed).generate(perVariant, perKind);
        int samples = Integer.parseInt(Engines.arg(args, "samples", "0"));
        if (samples > 0) {
            printSamples(people, probes, samples);
        }

        long start = System.nanoTime();
        Matcher matcher = factory.build(registry);
        double buildSeconds = (System.nanoTime() - start) / 1e9;

        ScreeningReport report = ScreeningReport.evaluate(matcher, probes, threads);
        int misses = Integer.parseInt(Engines.arg(args, "misses", "0"));
        if (misses > 0) {
            printFailures(matcher, people, probes, misses);
        }
        String title = String.format(
                Locale.ROOT,
                "Synthetic Kazakh/Russian registry — engine %s (%s), %d people (seed %d), probes seed %d,"
                        + " index built in %.1f s",
                engine,
                matcher.engineVersion(),
                matcher.size(),
                registrySeed,
                probeSeed,
                buildSeconds);
        return report.toMarkdown(title);
    }
}
