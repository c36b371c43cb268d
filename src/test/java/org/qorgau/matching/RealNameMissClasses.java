package org.qorgau.matching;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts the real-name suite's misses into kinds, by the token pair that does not agree: a Wikidata label that is
 * another name of the person (no spelling model should match it), a reading beyond the rendering gate, a case or gender
 * ending in the label, Chinese pinyin, Japanese, Hungarian/Irish/Icelandic spelling, English spelt by sound, or other.
 * The kinds are heuristics on the alignment's cost and the Latin spelling, for reading the misses list, not figures
 * of the engine.
 *
 * <pre>
 * java -cp ... org.qorgau.matching.RealNameMissClasses EVALUATE_OUTPUT.txt [MODEL.tsv]
 * </pre>
 *
 * reads the missed pairs printed by {@code scripts/evaluate --suite=real --misses=N} and prints the counts per kind
 * and direction, then each failing token pair with its kind.
 */
public final class RealNameMissClasses {

    private static final Pattern MISS = Pattern.compile(
            "^\\[(exact|swapped|date_one_digit)\\] '(.*)' \\S+ -> \\S+; expected '(.*)' \\S+ \\((\\w+) .*$");

    // Above this many bits per framed symbol even the cheapest alignment pairs letters that renderings never pair:
    // the label is another name (a translation, another given name, the family name of a Japanese person).
    static final double MISMATCH_BITS = 5.0;

    private RealNameMissClasses() {}

    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                RenderingModel.replaceStandard(RenderingModel.load(in));
            }
        }
        MatchingParameters p = MatchingParameters.loadDefault();
        NameComparator names = new NameComparator(p);
        double perSymbol = p.get("name.rendering.maxCostPerSymbol");
        double shortPenalty = p.get("name.rendering.shortPenalty");
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, Integer> pairKinds = new TreeMap<>();
        List<String> listed = new ArrayList<>();
        String direction = "?";
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (line.startsWith("### Real names")) {
                direction = line.contains("Russian Cyrillic registry") ? "cyrillic-registry" : "latin-registry";
                continue;
            }
            Matcher m = MISS.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String[] probe = m.group(2).split(" ");
            String[] truth = m.group(3).split(" ");
            if (probe.length != 2 || truth.length != 2) {
                continue;
            }
            if (m.group(1).equals("swapped")) {
                probe = new String[] {probe[1], probe[0]};
            }
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                NameToken a = token(probe[i]);
                NameToken b = token(truth[i]);
                NameComparator.TokenLevel level = names.compareTokens(a, b);
                if (level.agrees() && level != NameComparator.TokenLevel.INITIAL) {
                    continue;
                }
                boolean aLatin = !a.frame().isEmpty() && a.frame().charAt(1) < '\u0400';
                NameToken latin = aLatin ? a : b;
                NameToken cyr = aLatin ? b : a;
                String kind = kind(names, latin, cyr, level, perSymbol, shortPenalty);
                kinds.add(kind);
                listed.add(String.format(
                        Locale.ROOT, "%-18s %-18s %-18s %-24s %s", direction, latin.text(), cyr.text(), kind, level));
            }
            String kind = kinds.isEmpty() ? "both tokens agree (scoring or retrieval)" : String.join(" + ", kinds);
            counts.computeIfAbsent(direction, d -> new TreeMap<>()).merge(kind, 1, Integer::sum);
            pairKinds.merge(
                    kinds.isEmpty() ? "both tokens agree (scoring or retrieval)" : primary(kinds), 1, Integer::sum);
        }
        counts.forEach((d, byKind) -> {
            System.out.println("## " + d);
            byKind.forEach((k, n) -> System.out.printf(Locale.ROOT, "%5d  %s%n", n, k));
        });
        System.out.println(
                "## missed pairs by their first fixable kind (label mismatch only when every failing token is one)");
        pairKinds.forEach((k, n) -> System.out.printf(Locale.ROOT, "%5d  %s%n", n, k));
        listed.forEach(System.out::println);
    }

    private static String primary(List<String> kinds) {
        for (String k : kinds) {
            if (!k.equals("label mismatch")) {
                return k;
            }
        }
        return "label mismatch";
    }

    private static final Pattern PINYIN = Pattern.compile(
            "^((zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u|v))+$");
    private static final Pattern JAPANESE =
            Pattern.compile("^((ky|gy|sh|ch|ny|hy|my|ry|by|py|ts|[kgsztdnhbpmyrwfj])?[aiueo]n?)+$");
    private static final Pattern HUNGARIAN_IRISH =
            Pattern.compile(".*(gy|cs|sz|zs|ny|ő|ű|ly|bh|mh|dh|fh|ð|þ|ó.*ur$|^ó|á.*n$|ái|ío|ao).*");
    private static final Pattern ENGLISH = Pattern.compile(".*(w|th|ea|ee|oo|gh|ey$|ay$|ie$|le$|ck|ph|ou|augh|igh).*");

    private static String kind(
            NameComparator names,
            NameToken latin,
            NameToken cyr,
            NameComparator.TokenLevel level,
            double perSymbol,
            double shortPenalty) {
        if (level == NameComparator.TokenLevel.GENDER_FORM) {
            return "case/gender ending";
        }
        RenderingModel model = RenderingModel.standard();
        int sym = latin.frame().length() + cyr.frame().length();
        RenderingModel.Alignment al = model.align(latin.frame(), cyr.frame());
        double cost = al == null ? Double.POSITIVE_INFINITY : al.cost();
        if (cost + shortPenalty <= perSymbol * sym && !names.renderingGate(latin, cyr)) {
            return "reading beyond gate";
        }
        // A Russian case or gender ending on the label (Тримберга, Витебска, Давлатова).
        String c = cyr.frame();
        for (String ending :
                new String[] {"а$", "у$", "ы$", "ой$", "ого$", "ова$", "ева$", "ина$", "ая$", "ий$", "ей$"}) {
            if (c.endsWith(ending) && c.length() > ending.length() + 3) {
                String stripped = c.substring(0, c.length() - ending.length()) + "$";
                RenderingModel.Alignment s = model.align(latin.frame(), stripped);
                int sym2 = latin.frame().length() + stripped.length();
                if (s != null && s.cost() + shortPenalty <= perSymbol * sym2) {
                    return "case/gender ending";
                }
            }
        }
        if (cost / sym > MISMATCH_BITS) {
            return "label mismatch";
        }
        String l = latin.frame().replace("^", "").replace("$", "");
        String raw = latin.text().toLowerCase(Locale.ROOT);
        if (PINYIN.matcher(l).matches() && cyr.text().matches(".*(цз|чж|сь|сю|ця|цю|цз|ань|энь|инь|ун$|юнь).*")) {
            return "pinyin";
        }
        if (JAPANESE.matcher(l).matches() && cyr.text().matches(".*(дз|си|ти|цу|э|ё|ю).*")) {
            return "japanese";
        }
        if (HUNGARIAN_IRISH.matcher(raw).matches()) {
            return "hungarian/irish/icelandic";
        }
        if (ENGLISH.matcher(l).matches()) {
            return "english by sound";
        }
        return "other";
    }

    private static NameToken token(String text) {
        ParsedName n = ParsedName.parse(text);
        return n.core().length > 0 ? n.core()[0] : n.patronymics()[0];
    }
}
