package org.qorgau.evaluation;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qorgau.matching.Evidence;
import org.qorgau.matching.Match;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.matching.Screening;
import org.qorgau.matching.Verdict;

/**
 * The "pg_trgm-style" baseline: names transliterated to lower-case ASCII (ICU {@code Any-Latin; Latin-ASCII}), split
 * into words on anything that is not a letter or digit, and compared with pg_trgm's {@code similarity()}: each word
 * padded with two spaces before and one after, the set of 3-grams, |A ∩ B| / |A ∪ B|. Candidates are the registry
 * people with the same birth year (a {@code WHERE extract(year ...)} block). similarity ≥ 0.3 (pg_trgm's default
 * {@code pg_trgm.similarity_threshold}) is POSSIBLE_MATCH, and with an equal full date of birth MATCH.
 */
public final class TrigramBaselineMatcherFactory implements MatcherFactory {

    static final double THRESHOLD = 0.3;
    private static final int MAX_MATCHES = 10;

    @Override
    public Matcher build(Collection<RegistryPerson> registry) {
        Map<Integer, List<Entry>> byYear = new HashMap<>();
        for (RegistryPerson p : registry) {
            Integer year = year(p.dateOfBirth());
            if (year == null) {
                continue;
            }
            List<long[]> grams = new ArrayList<>();
            grams.add(trigrams(p.fullName()));
            for (String alias : p.aliases()) {
                grams.add(trigrams(alias));
            }
            byYear.computeIfAbsent(year, y -> new ArrayList<>())
                    .add(new Entry(p.externalId(), p.dateOfBirth(), grams.toArray(new long[0][])));
        }
        int size = registry.size();
        return new Matcher() {
            @Override
            public Screening screen(Probe probe) {
                Integer year = year(probe.dateOfBirth());
                if (year == null || probe.fullName() == null) {
                    return Screening.none();
                }
                long[] q = trigrams(probe.fullName());
                List<Match> matches = new ArrayList<>();
                for (Entry e : byYear.getOrDefault(year, List.of())) {
                    double best = 0;
                    for (long[] g : e.grams) {
                        best = Math.max(best, similarity(q, g));
                    }
                    if (best >= THRESHOLD) {
                        boolean sameDate = e.dob.length() == 10 && e.dob.equals(probe.dateOfBirth());
                        Verdict v = sameDate ? Verdict.MATCH : Verdict.POSSIBLE_MATCH;
                        matches.add(new Match(
                                e.id,
                                v,
                                best,
                                best,
                                List.of(new Evidence(
                                        "name",
                                        "TRIGRAM",
                                        best,
                                        String.format(Locale.ROOT, "similarity %.2f", best)))));
                    }
                }
                if (matches.isEmpty()) {
                    return Screening.none();
                }
                matches.sort(Comparator.comparing((Match m) -> m.verdict().ordinal())
                        .thenComparingDouble(Match::probability)
                        .reversed());
                List<Match> top = matches.subList(0, Math.min(MAX_MATCHES, matches.size()));
                return new Screening(top.get(0).verdict(), top);
            }

            @Override
            public String engineVersion() {
                return "baseline-pg_trgm";
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private record Entry(String id, String dob, long[][] grams) {}

    private static Integer year(String dob) {
        if (dob == null || dob.length() < 4) {
            return null;
        }
        try {
            return Integer.parseInt(dob.substring(0, 4));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final ThreadLocal<Transliterator> TO_ASCII =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower"));

    /** Sorted, distinct pg_trgm 3-grams of all words, each packed as three 16-bit chars in a long. */
    static long[] trigrams(String text) {
        String ascii = TO_ASCII.get().transliterate(text).toLowerCase(Locale.ROOT);
        String[] words = ascii.split("[^\\p{L}\\p{N}]+");
        long[] out = new long[ascii.length() * 2 + 8];
        int n = 0;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            String padded = "  " + w + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = ((long) padded.charAt(i) << 32) | ((long) padded.charAt(i + 1) << 16) | padded.charAt(i + 2);
            }
        }
        long[] grams = Arrays.copyOf(out, n);
        Arrays.sort(grams);
        int distinct = 0;
        for (int i = 0; i < grams.length; i++) {
            if (i == 0 || grams[i] != grams[i - 1]) {
                grams[distinct++] = grams[i];
            }
        }
        return Arrays.copyOf(grams, distinct);
    }

    static double similarity(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 0 : (double) common / union;
    }
}
