package org.qorgau.evaluation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.qorgau.matching.Match;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.matching.Screening;
import org.qorgau.matching.Verdict;

/**
 * Real-name suite: a registry and probes built only from the held-out tokens of the Wikidata renderings
 * ({@link RealNames#heldOut}), measured in both directions.
 *
 * <ul>
 *   <li><b>Cyrillic registry, Latin candidate:</b> each registry person is two held-out tokens (given name, surname) in
 *       their Russian rendering; the probe is the original Latin spelling of the same two tokens.
 *   <li><b>Latin registry, Cyrillic candidate:</b> the same people the other way round.
 * </ul>
 *
 * Variants of a registered person: {@code exact} (same date of birth), {@code swapped} (surname first, same date),
 * {@code date_one_digit} (one digit of the date wrong). Not-registered people: two other held-out tokens (a pair no
 * registry person has) with a random date ({@code stranger}) or with a registry person's birthday
 * ({@code stranger_shared_birthday}). Tokens are drawn uniformly from the held-out tokens, so common real names recur
 * across registry people as they do in a real registry.
 *
 * <pre>
 * scripts/evaluate --suite=real --real-names=PATH/wd_russian_80.tsv [--real-registry=20000] [--real-seed=11]
 *                  [--per-variant=1000] [--per-kind=4000] [--misses=20]
 * </pre>
 */
public final class RealNamesHarness {

    private RealNamesHarness() {}

    record Person(String id, RealNames.Rendering given, RealNames.Rendering surname, String dob) {}

    public static String run(MatcherFactory factory, String engine, String[] args) {
        String path = Engines.arg(args, "real-names", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("--real-names=PATH to wd_russian_80.tsv is required for --suite=real");
        }
        int size = Integer.parseInt(Engines.arg(args, "real-registry", "20000"));
        long seed = Long.parseLong(Engines.arg(args, "real-seed", "11"));
        int perVariant = Integer.parseInt(Engines.arg(args, "per-variant", "1000"));
        int perKind = Integer.parseInt(Engines.arg(args, "per-kind", "4000"));
        int threads = Integer.parseInt(Engines.arg(args, "threads", "2"));
        int misses = Integer.parseInt(Engines.arg(args, "misses", "0"));

        // --real-fold=N (1-4): build the suite from a development fifth instead of the held-out one, for tuning with a
        // model learned without that fifth (--rendering-model=FILE from LearnRenderingModel --exclude-fold=N).
        int fold = Integer.parseInt(Engines.arg(args, "real-fold", "0"));
        List<RealNames.Rendering> held = RealNames.fold(RealNames.read(Path.of(path)), fold).stream()
                .filter(r -> r.latin().codePointCount(0, r.latin().length()) >= 2
                        && r.cyrillic().length() >= 2)
                .toList();
        SplittableRandom r = new SplittableRandom(seed);
        List<Person> people = new ArrayList<>(size);
        Set<String> pairs = new HashSet<>();
        while (people.size() < size) {
            RealNames.Rendering g = held.get(r.nextInt(held.size()));
            RealNames.Rendering s = held.get(r.nextInt(held.size()));
            if (g == s || !pairs.add(g.latin() + " " + s.latin())) {
                continue;
            }
            people.add(new Person(String.format(Locale.ROOT, "wd-%06d", people.size()), g, s, randomDate(r)));
        }
        // Not-registered people: pairs of held-out tokens that no registry person bears (in either order).
        List<RealNames.Rendering[]> strangers = new ArrayList<>();
        while (strangers.size() < 2 * perKind) {
            RealNames.Rendering g = held.get(r.nextInt(held.size()));
            RealNames.Rendering s = held.get(r.nextInt(held.size()));
            if (g == s || pairs.contains(g.latin() + " " + s.latin()) || pairs.contains(s.latin() + " " + g.latin())) {
                continue;
            }
            strangers.add(new RealNames.Rendering[] {g, s});
        }
        StringBuilder out = new StringBuilder();
        for (boolean cyrillicRegistry : new boolean[] {true, false}) {
            SplittableRandom pr = new SplittableRandom(seed * 31 + (cyrillicRegistry ? 1 : 2));
            List<RegistryPerson> registry = new ArrayList<>(people.size());
            for (Person p : people) {
                registry.add(new RegistryPerson(
                        p.id(), name(p.given(), p.surname(), cyrillicRegistry), List.of(), p.dob(), List.of()));
            }
            List<LabelledProbe> probes = new ArrayList<>();
            for (int i = 0; i < perVariant; i++) {
                Person p = people.get(pr.nextInt(people.size()));
                String probeName = name(p.given(), p.surname(), !cyrillicRegistry);
                probes.add(new LabelledProbe(new Probe(probeName, p.dob(), null), p.id(), "exact"));
                Person q = people.get(pr.nextInt(people.size()));
                probes.add(new LabelledProbe(
                        new Probe(name(q.surname(), q.given(), !cyrillicRegistry), q.dob(), null), q.id(), "swapped"));
                Person t = people.get(pr.nextInt(people.size()));
                String typo = DateOfBirths.oneDigitTypo(t.dob(), pr);
                if (typo != null) {
                    probes.add(new LabelledProbe(
                            new Probe(name(t.given(), t.surname(), !cyrillicRegistry), typo, null),
                            t.id(),
                            "date_one_digit"));
                }
            }
            for (int i = 0; i < perKind; i++) {
                RealNames.Rendering[] a = strangers.get(2 * i);
                probes.add(new LabelledProbe(
                        new Probe(name(a[0], a[1], !cyrillicRegistry), randomDate(pr), null), null, "stranger"));
                RealNames.Rendering[] b = strangers.get(2 * i + 1);
                String birthday = people.get(pr.nextInt(people.size())).dob();
                probes.add(new LabelledProbe(
                        new Probe(name(b[0], b[1], !cyrillicRegistry), birthday, null),
                        null,
                        "stranger_shared_birthday"));
            }
            long start = System.nanoTime();
            Matcher matcher = factory.build(registry);
            double build = (System.nanoTime() - start) / 1e9;
            ScreeningReport report = ScreeningReport.evaluate(matcher, probes, threads);
            String title = String.format(
                    Locale.ROOT,
                    "Real names (%s Wikidata tokens), %s registry / %s candidate — engine %s (%s), %d people"
                            + " (seed %d), index built in %.1f s",
                    fold == 0 ? "held-out" : "development fifth " + fold + " of the",
                    cyrillicRegistry ? "Russian Cyrillic" : "Latin",
                    cyrillicRegistry ? "Latin" : "Cyrillic",
                    engine,
                    matcher.engineVersion(),
                    matcher.size(),
                    seed,
                    build);
            out.append(report.toMarkdown(title)).append('\n');
            if (misses > 0) {
                out.append(failures(matcher, registry, probes, misses)).append('\n');
            }
        }
        return out.toString();
    }

    private static String name(RealNames.Rendering first, RealNames.Rendering second, boolean cyrillic) {
        return cyrillic
                ? capital(first.cyrillic()) + " " + capital(second.cyrillic())
                : capital(first.latin()) + " " + capital(second.latin());
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String randomDate(SplittableRandom r) {
        int year = 1950 + r.nextInt(56);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(YearMonth.of(year, month).lengthOfMonth());
        return LocalDate.of(year, month, day).toString();
    }

    /** Up to {@code k} failures per variant, each with the registry name expected and the engine's top answers. */
    static String failures(Matcher matcher, List<RegistryPerson> registry, List<LabelledProbe> probes, int k) {
        Map<String, RegistryPerson> byId = new HashMap<>();
        registry.forEach(p -> byId.put(p.externalId(), p));
        Map<String, Integer> shown = new HashMap<>();
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        StringBuilder out = new StringBuilder("Missed / falsely reported (up to " + k + " per variant):\n\n```\n");
        for (LabelledProbe lp : probes) {
            Screening s = matcher.screen(lp.probe());
            boolean failed = lp.registered()
                    ? s.matches().stream()
                            .noneMatch(m -> m.externalId().equals(lp.expectedId()) && m.verdict() != Verdict.NO_MATCH)
                    : s.verdict() != Verdict.NO_MATCH;
            if (!failed) {
                continue;
            }
            String why = lp.registered()
                    ? org.qorgau.matching.MissDiagnosis.diagnose(matcher, lp.probe(), lp.expectedId())
                    : "false " + s.verdict();
            // retrieval / scored with the name level reached: the kinds of miss, counted over every probe
            kinds.merge(
                    why.startsWith("retrieval") ? "retrieval" : why.replaceAll(" dateOfBirth=.*", ""), 1, Integer::sum);
            if (shown.getOrDefault(lp.variant(), 0) >= k) {
                continue;
            }
            shown.merge(lp.variant(), 1, Integer::sum);
            RegistryPerson truth = lp.expectedId() == null ? null : byId.get(lp.expectedId());
            out.append(String.format(
                    Locale.ROOT,
                    "[%s] '%s' %s -> %s; expected %s%s%n",
                    lp.variant(),
                    lp.probe().fullName(),
                    lp.probe().dateOfBirth(),
                    s.verdict(),
                    truth == null ? "NO_MATCH" : "'" + truth.fullName() + "' " + truth.dateOfBirth(),
                    truth == null ? "" : " (" + why + ")"));
            for (Match m : s.matches().subList(0, Math.min(2, s.matches().size()))) {
                RegistryPerson who = byId.get(m.externalId());
                out.append(String.format(
                        Locale.ROOT,
                        "    %s %s w=%.2f '%s' %s: %s%n",
                        m.externalId(),
                        m.verdict(),
                        m.matchWeight(),
                        who == null ? "?" : who.fullName(),
                        who == null ? "" : who.dateOfBirth(),
                        m.explanation()));
            }
        }
        out.append("```\n\nKinds of failure (all probes): ");
        kinds.forEach((kind, n) -> out.append(kind).append(": ").append(n).append("; "));
        return out.append('\n').toString();
    }
}
