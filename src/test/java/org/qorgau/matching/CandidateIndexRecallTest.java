package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The candidate index must keep at least 99.9 % of what scoring every entry finds: screens thousands of probes (noisy
 * variants of registry people, namesakes, photo copies, strangers) both ways and compares the reported matches.
 */
class CandidateIndexRecallTest {

    static List<RegistryPerson> registry;
    static FellegiSunterMatcher matcher;

    @BeforeAll
    static void build() {
        registry = SyntheticRegistry.generate(4000, 7, "r");
        matcher = FellegiSunterMatcherFactory.withDefaultParameters().buildMatcher(registry);
    }

    static String typo(String s, Random r) {
        if (s.length() < 5) {
            return s;
        }
        int i = 1 + r.nextInt(s.length() - 2);
        char[] c = s.toCharArray();
        switch (r.nextInt(3)) {
            case 0:
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                return new String(c);
            case 1:
                return s.substring(0, i) + s.substring(i + 1);
            default:
                c[i] = s.charAt(r.nextInt(s.length()));
                return new String(c);
        }
    }

    static String perturbDate(String dob, Random r) {
        int p = DateOfBirth.parse(dob);
        if (p == 0 || DateOfBirth.day(p) == 0) {
            return dob;
        }
        int y = DateOfBirth.year(p);
        int m = DateOfBirth.month(p);
        int d = DateOfBirth.day(p);
        switch (r.nextInt(6)) {
            case 0:
                return String.format("%04d-%02d-%02d", y, d <= 12 ? d : m, d <= 12 ? m : d);
            case 1:
                return String.format("%04d-%02d-%02d", y + (r.nextBoolean() ? 1 : -1), m, d);
            case 2:
                return String.format("%04d-%02d-%02d", y, m, Math.max(1, Math.min(28, d + 1)));
            case 3:
                return String.valueOf(y);
            case 4:
                return String.format("%04d-%02d-%02d", 1950 + r.nextInt(56), 1 + r.nextInt(12), 1 + r.nextInt(28));
            default:
                return dob;
        }
    }

    static List<Probe> probes(int count, long seed) {
        Random r = new Random(seed);
        List<Probe> out = new ArrayList<>();
        Transliterator.Scheme[] schemes = Transliterator.Scheme.values();
        for (int i = 0; i < count; i++) {
            RegistryPerson p = registry.get(r.nextInt(registry.size()));
            String name = p.fullName();
            String[] tokens = name.split(" ");
            switch (r.nextInt(6)) {
                case 0:
                    name = Transliterator.transliterate(name, schemes[r.nextInt(schemes.length)]);
                    break;
                case 1:
                    tokens[r.nextInt(tokens.length)] = typo(tokens[r.nextInt(tokens.length)], r);
                    name = String.join(" ", tokens);
                    break;
                case 2:
                    name = tokens.length > 1 ? tokens[1] + " " + tokens[0] : name;
                    break;
                case 3:
                    name = tokens[1].charAt(0) + ". " + tokens[0];
                    break;
                case 4:
                    name = typo(Transliterator.transliterate(tokens[0], Transliterator.Scheme.INFORMAL), r) + " "
                            + typo(Transliterator.transliterate(tokens[1], Transliterator.Scheme.INFORMAL), r);
                    break;
                default:
                    name = SyntheticRegistry.generate(1, seed * 7919 + i, "x")
                            .get(0)
                            .fullName();
            }
            String photo = null;
            if (!p.photoHashes().isEmpty() && r.nextInt(3) == 0) {
                long[] h = PhotoHash.parse(p.photoHashes().get(0));
                int flips = r.nextInt(40);
                for (int f = 0; f < flips; f++) {
                    int bit = r.nextInt(256);
                    h[bit / 64] ^= 1L << (bit % 64);
                }
                photo = String.format("%016x%016x%016x%016x", h[0], h[1], h[2], h[3]);
            }
            out.add(new Probe(name, perturbDate(p.dateOfBirth(), r), photo));
        }
        return out;
    }

    @Test
    void shouldFindAtLeast999PerMilleOfWhatScoringEveryEntryFinds() {
        int reference = 0;
        int found = 0;
        int verdictsEqual = 0;
        List<String> missed = new ArrayList<>();
        for (Probe probe : probes(3000, 11)) {
            Screening all = matcher.screenAll(probe);
            Screening indexed = matcher.screen(probe);
            Set<String> viaIndex = new HashSet<>();
            indexed.matches().forEach(m -> viaIndex.add(m.externalId() + m.verdict()));
            for (Match m : all.matches()) {
                reference++;
                if (viaIndex.contains(m.externalId() + m.verdict())) {
                    found++;
                } else if (missed.size() < 10) {
                    missed.add(probe + " missed " + m);
                }
            }
            if (all.verdict() == indexed.verdict()) {
                verdictsEqual++;
            }
            assertTrue(indexed.matches().size() <= all.matches().size(), "index cannot report more than all");
        }
        double recall = found / (double) reference;
        System.out.printf(
                "INDEX RECALL %d of %d = %.5f; overall verdict equal in %d of 3000%n",
                found, reference, recall, verdictsEqual);
        assertTrue(reference > 1000, "too few reference matches to measure: " + reference);
        assertTrue(recall >= 0.999, "recall " + recall + " missed e.g. " + missed);
    }

    @Test
    void shouldFindEveryPhotoWithin31BitsWhateverTheName() {
        Random r = new Random(3);
        int checked = 0;
        for (RegistryPerson p : registry) {
            if (p.photoHashes().isEmpty()) {
                continue;
            }
            long[] h = PhotoHash.parse(p.photoHashes().get(0));
            Set<Integer> bits = new HashSet<>();
            while (bits.size() < 31) {
                bits.add(r.nextInt(256));
            }
            for (int bit : bits) {
                h[bit / 64] ^= 1L << (bit % 64);
            }
            String hex = String.format("%016x%016x%016x%016x", h[0], h[1], h[2], h[3]);
            Screening s = matcher.screen(new Probe("Someone Else", "1900-01-01", hex));
            assertTrue(
                    s.matches().stream().anyMatch(m -> m.externalId().equals(p.externalId())),
                    "photo 31 bits away not found for " + p.externalId());
            assertEquals(Verdict.POSSIBLE_MATCH, s.verdict());
            checked++;
        }
        assertTrue(checked > 500, "checked " + checked);
    }
}
