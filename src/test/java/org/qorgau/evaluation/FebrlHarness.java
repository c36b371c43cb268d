package org.qorgau.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.qorgau.matching.Match;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.matching.Screening;
import org.qorgau.matching.Verdict;

/**
 * FEBRL evaluation on given name + surname + date of birth only (addresses and soc_sec_id ignored).
 *
 * <p>FEBRL4: registry = dataset4a, each dataset4b record is a probe; a predicted link is a (probe, match) pair.
 * FEBRL3: registry = all of dataset3, each record a probe against it; self-hits are ignored and a link predicted in
 * either direction counts once. A predicted link is a match whose own verdict is not NO_MATCH (and, in the second row,
 * MATCH only). Truth: records with the same N in {@code rec-N-org} / {@code rec-N-dup-k}.
 *
 * <p>Dates of birth ({@code YYYYMMDD}): a valid date becomes {@code YYYY-MM-DD}; an invalid one (FEBRL's corruptions:
 * day or month out of range) is degraded to the best partial that is still true — {@code YYYY-MM} when the month is
 * valid, else {@code YYYY}; an empty date is passed as {@code null} (the record is still screened and indexed; the
 * contract only promises partial dates, so an engine that refuses {@code null} shows up in the errors column).
 * Name: {@code given surname}, missing parts dropped.
 *
 * <p>Data: the FEBRL files kept in the repository ({@code src/test/resources/reference/febrl}, read from the test
 * classpath); {@code --febrl-dir=DIR} reads {@code dataset3.csv}, {@code dataset4a.csv} and {@code dataset4b.csv}
 * from another folder instead.
 */
public final class FebrlHarness {

    record FebrlRecord(String recId, String entity, String given, String surname, String dob) {
        String fullName() {
            return ProbeGenerator.join(given, surname);
        }

        RegistryPerson toRegistryPerson() {
            return new RegistryPerson(recId, fullName(), List.of(), dob, List.of());
        }

        Probe toProbe() {
            return new Probe(fullName(), dob, null);
        }
    }

    private FebrlHarness() {}

    public static void main(String[] args) {
        System.out.println(run(
                Engines.factory(Engines.arg(args, "engine", "fs")),
                Integer.parseInt(Engines.arg(args, "misses", "0")),
                dataDir(args)));
    }

    /** The FEBRL folder named by {@code --febrl-dir=DIR}, or {@code null} for the repository's copy. */
    static Path dataDir(String[] args) {
        String dir = Engines.arg(args, "febrl-dir", "");
        return dir.isEmpty() ? null : Path.of(dir);
    }

    /** Runs FEBRL4 and FEBRL3 on the repository's FEBRL files and returns the markdown tables. */
    public static String run(MatcherFactory factory) {
        return run(factory, 0, null);
    }

    /**
     * As {@link #run(MatcherFactory)}, also listing up to {@code misses} missed FEBRL4 pairs (for engine tuning);
     * {@code dir} is a folder with the FEBRL files, or {@code null} for the repository's copy.
     */
    public static String run(MatcherFactory factory, int misses, Path dir) {
        StringBuilder sb = new StringBuilder();
        sb.append("### FEBRL (given name + surname + date of birth only)\n\n");
        sb.append("| dataset | predicted link | TP | FP | FN | precision | recall | F1 |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        List<String> notes = new ArrayList<>();
        febrl4(factory, sb, notes, misses, dir);
        febrl3(factory, sb, notes, dir);
        sb.append("\nPublished anchors (same pairwise measures): FEBRL4 recordlinkage rule P 1.000 R 0.648 F1 0.787;")
                .append(" FEBRL3 Splink 4.0.16 hand-tuned P 0.998 R 0.935 F1 0.965.\n");
        notes.forEach(n -> sb.append(n).append('\n'));
        return sb.toString();
    }

    /** {@code name} in {@code dir}, or the repository's copy when {@code dir} is null. */
    static Path file(Path dir, String name) {
        return dir == null ? ReferenceData.path("febrl/" + name) : dir.resolve(name);
    }

    private static void febrl4(MatcherFactory factory, StringBuilder sb, List<String> notes, int misses, Path dir) {
        List<FebrlRecord> a = read(file(dir, "dataset4a.csv"));
        List<FebrlRecord> b = read(file(dir, "dataset4b.csv"));
        Matcher matcher =
                factory.build(a.stream().map(FebrlRecord::toRegistryPerson).toList());
        Map<String, String> entityOfA = a.stream().collect(Collectors.toMap(FebrlRecord::recId, FebrlRecord::entity));
        Set<String> truth = new HashSet<>();
        Map<String, List<String>> aByEntity = groupByEntity(a);
        for (FebrlRecord rb : b) {
            for (String ra : aByEntity.getOrDefault(rb.entity(), List.of())) {
                truth.add(PairwiseMetrics.pair(ra, rb.recId()));
            }
        }
        Set<String> anyLink = new HashSet<>();
        Set<String> matchLink = new HashSet<>();
        List<String> falseLinks = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        for (FebrlRecord rb : b) {
            for (Match m : screen(matcher, rb.toProbe(), errors)) {
                if (!entityOfA.containsKey(m.externalId())) {
                    continue;
                }
                String pair = PairwiseMetrics.pair(m.externalId(), rb.recId());
                anyLink.add(pair);
                if (!truth.contains(pair)) {
                    falseLinks.add(m.externalId() + " / " + rb + ": " + m.verdict() + " "
                            + m.explanation().stream()
                                    .map(ev -> ev.field() + "=" + ev.level() + " (" + ev.detail() + ")")
                                    .collect(Collectors.joining("; ")));
                }
                if (m.verdict() == Verdict.MATCH) {
                    matchLink.add(pair);
                }
            }
        }
        sb.append(PairwiseMetrics.of(anyLink, truth).row("FEBRL4 (4a registry, 4b probes)", "verdict ≠ NO_MATCH"))
                .append('\n');
        sb.append(PairwiseMetrics.of(matchLink, truth).row("FEBRL4", "MATCH only"))
                .append('\n');
        Map<String, FebrlRecord> byId = new HashMap<>();
        a.forEach(r -> byId.put(r.recId(), r));
        b.forEach(r -> byId.put(r.recId(), r));
        truth.stream().filter(p -> !anyLink.contains(p)).sorted().limit(misses).forEach(p -> {
            String[] ids = p.split("\u0000");
            notes.add("missed: " + byId.get(ids[0]) + " / " + byId.get(ids[1]));
        });
        if (misses > 0) {
            falseLinks.stream()
                    .sorted()
                    .limit(misses)
                    .forEach(l -> notes.add("false link: " + byId.get(l.substring(0, l.indexOf(' '))) + " <- " + l));
        }
        notes.add(String.format(
                Locale.ROOT,
                "FEBRL4: %d registry records, %d probes, %d true pairs, %d screening errors.",
                a.size(),
                b.size(),
                truth.size(),
                errors.get()));
    }

    private static void febrl3(MatcherFactory factory, StringBuilder sb, List<String> notes, Path dir) {
        List<FebrlRecord> records = read(file(dir, "dataset3.csv"));
        Matcher matcher = factory.build(
                records.stream().map(FebrlRecord::toRegistryPerson).toList());
        Set<String> truth = new HashSet<>();
        for (List<String> group : groupByEntity(records).values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    truth.add(PairwiseMetrics.pair(group.get(i), group.get(j)));
                }
            }
        }
        Set<String> anyLink = new HashSet<>();
        Set<String> matchLink = new HashSet<>();
        AtomicInteger errors = new AtomicInteger();
        for (FebrlRecord r : records) {
            for (Match m : screen(matcher, r.toProbe(), errors)) {
                if (m.externalId().equals(r.recId())) {
                    continue; // self-hit
                }
                String pair = PairwiseMetrics.pair(m.externalId(), r.recId());
                anyLink.add(pair);
                if (m.verdict() == Verdict.MATCH) {
                    matchLink.add(pair);
                }
            }
        }
        sb.append(PairwiseMetrics.of(anyLink, truth).row("FEBRL3 (dedup within)", "verdict ≠ NO_MATCH"))
                .append('\n');
        sb.append(PairwiseMetrics.of(matchLink, truth).row("FEBRL3", "MATCH only"))
                .append('\n');
        notes.add(String.format(
                Locale.ROOT,
                "FEBRL3: %d records, %d true pairs, %d screening errors.",
                records.size(),
                truth.size(),
                errors.get()));
    }

    private static List<Match> screen(Matcher matcher, Probe probe, AtomicInteger errors) {
        try {
            Screening s = matcher.screen(probe);
            return s.matches().stream()
                    .filter(m -> m.verdict() != Verdict.NO_MATCH)
                    .toList();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            return List.of();
        }
    }

    private static Map<String, List<String>> groupByEntity(List<FebrlRecord> records) {
        Map<String, List<String>> m = new HashMap<>();
        for (FebrlRecord r : records) {
            m.computeIfAbsent(r.entity(), k -> new ArrayList<>()).add(r.recId());
        }
        return m;
    }

    static List<FebrlRecord> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<FebrlRecord> out = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(", ", -1);
                String recId = f[0].trim();
                out.add(new FebrlRecord(recId, entity(recId), field(f, 1), field(f, 2), dateOfBirth(field(f, 9))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i].trim() : "";
    }

    /** {@code rec-123-dup-0} → {@code 123}. */
    static String entity(String recId) {
        String[] parts = recId.split("-");
        return parts[1];
    }

    /** See the class comment: valid → YYYY-MM-DD, bad day → YYYY-MM, bad month → YYYY, empty or garbage → null. */
    static String dateOfBirth(String raw) {
        if (raw == null || raw.length() != 8 || !raw.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int year = Integer.parseInt(raw.substring(0, 4));
        int month = Integer.parseInt(raw.substring(4, 6));
        int day = Integer.parseInt(raw.substring(6, 8));
        if (year < 1800 || year > 2030) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day).toString();
        } catch (DateTimeException e) {
            if (month >= 1 && month <= 12) {
                return String.format(Locale.ROOT, "%04d-%02d", year, month);
            }
            return String.format(Locale.ROOT, "%04d", year);
        }
    }
}
