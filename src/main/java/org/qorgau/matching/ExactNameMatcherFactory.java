package org.qorgau.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The interim engine of the service foundation: a MATCH only when the NFKC-normalised, case-folded, token-sorted name
 * (or an alias) equals the candidate's and the dates of birth are equal. It misses transliterations and typos by
 * design and says so in its {@link Matcher#engineVersion()}; the Fellegi–Sunter engine replaces it.
 */
public final class ExactNameMatcherFactory implements MatcherFactory {

    public static final String ENGINE_VERSION =
            "exact-name-dob/0.1 (interim: NFKC, case-folded, token-sorted name" + " + equal date of birth)";

    @Override
    public Matcher build(Collection<RegistryPerson> registry) {
        Map<String, List<RegistryPerson>> byKey = new HashMap<>();
        for (RegistryPerson person : registry) {
            List<String> names = new ArrayList<>();
            names.add(person.fullName());
            names.addAll(person.aliases());
            for (String name : names) {
                byKey.computeIfAbsent(key(name, person.dateOfBirth()), k -> new ArrayList<>(1))
                        .add(person);
            }
        }
        int size = registry.size();
        return new Matcher() {
            @Override
            public Screening screen(Probe probe) {
                List<RegistryPerson> hits = byKey.getOrDefault(key(probe.fullName(), probe.dateOfBirth()), List.of());
                if (hits.isEmpty()) {
                    return Screening.none();
                }
                List<Match> matches = hits.stream()
                        .distinct()
                        .map(p -> new Match(
                                p.externalId(),
                                Verdict.MATCH,
                                1.0,
                                0.0,
                                List.of(
                                        new Evidence("name", "EXACT", 0.0, "normalised names are equal"),
                                        new Evidence("dateOfBirth", "EXACT", 0.0, "dates of birth are equal"))))
                        .toList();
                return new Screening(Verdict.MATCH, matches);
            }

            @Override
            public String engineVersion() {
                return ENGINE_VERSION;
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** NFKC, case-folded, whitespace-split and sorted tokens, joined with the date of birth. */
    static String key(String name, String dateOfBirth) {
        String normal = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String[] tokens = normal.trim().split("[\\s,]+");
        Arrays.sort(tokens);
        return String.join(" ", tokens) + "|" + dateOfBirth;
    }
}
