package org.qorgau.evaluation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
 * The "naive" baseline: MATCH when the NFKC-normalised, lower-cased, token-sorted name (or an alias) and the date of
 * birth string are exactly equal; otherwise NO_MATCH. What a plain SQL equality lookup would do.
 */
public final class ExactMatcherFactory implements MatcherFactory {

    @Override
    public Matcher build(Collection<RegistryPerson> registry) {
        Map<String, List<String>> index = new HashMap<>();
        for (RegistryPerson p : registry) {
            index.computeIfAbsent(key(p.fullName(), p.dateOfBirth()), k -> new ArrayList<>(1))
                    .add(p.externalId());
            for (String alias : p.aliases()) {
                index.computeIfAbsent(key(alias, p.dateOfBirth()), k -> new ArrayList<>(1))
                        .add(p.externalId());
            }
        }
        int size = registry.size();
        return new Matcher() {
            @Override
            public Screening screen(Probe probe) {
                List<String> ids = index.get(key(probe.fullName(), probe.dateOfBirth()));
                if (ids == null) {
                    return Screening.none();
                }
                List<Match> matches = new ArrayList<>();
                for (String id : ids.stream().distinct().toList()) {
                    matches.add(new Match(
                            id,
                            Verdict.MATCH,
                            1.0,
                            0.0,
                            List.of(new Evidence("name", "EXACT", 0.0, "normalised name and date equal"))));
                }
                return new Screening(Verdict.MATCH, matches);
            }

            @Override
            public String engineVersion() {
                return "baseline-exact";
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    static String normaliseName(String name) {
        String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .trim();
        String[] tokens = n.split("\\s+");
        Arrays.sort(tokens);
        return String.join(" ", tokens);
    }

    private static String key(String name, String dob) {
        return normaliseName(name) + "|" + dob;
    }
}
