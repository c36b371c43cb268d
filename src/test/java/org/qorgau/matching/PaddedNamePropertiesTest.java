package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The candidate writes their own name: a registered person must be found whatever extra tokens surround or interleave
 * their registered name (initials, repeated tokens, extra given names, at any position), as long as the name fits the
 * request's 300 characters.
 */
class PaddedNamePropertiesTest {

    static final List<RegistryPerson> REGISTRY = List.of(
            new RegistryPerson("P-1", "Абенов Нурлан Серикович", List.of(), "1979-03-14", List.of()),
            new RegistryPerson("P-2", "Nurlan Abenov", List.of(), "1980-05-02", List.of()),
            new RegistryPerson("P-3", "Иванов Иван Иванович", List.of(), "1975-11-30", List.of()),
            new RegistryPerson("P-4", "Seitkali Yerzhan", List.of("Сейткали Ержан"), "1990-01-07", List.of()),
            new RegistryPerson("P-5", "Ким Анна", List.of(), "1986-08-19", List.of()),
            new RegistryPerson("P-6", "Tokhtarbekov Zhandos", List.of(), "1969-12-01", List.of()),
            // bystanders sharing tokens with the padding and the registered names
            new RegistryPerson("B-1", "Иванов Петр", List.of(), "1961-02-02", List.of()),
            new RegistryPerson("B-2", "Anna Smith", List.of(), "1992-04-04", List.of()));

    static final Matcher MATCHER =
            FellegiSunterMatcherFactory.withDefaultParameters().build(REGISTRY);

    static final List<String> EXTRA_GIVEN_NAMES =
            List.of("Marat", "Aigerim", "Bolat", "Dana", "Серик", "Айгуль", "Ержан", "Asel", "Timur", "Saule");

    record Padded(RegistryPerson person, String fullName) {}

    @Provide
    Arbitrary<Padded> paddedNames() {
        Arbitrary<RegistryPerson> person = Arbitraries.of(REGISTRY.subList(0, 6));
        Arbitrary<String> initial = Arbitraries.chars().range('A', 'Z').flatMap(c -> Arbitraries.of(c + "", c + "."));
        Arbitrary<String> given = Arbitraries.of(EXTRA_GIVEN_NAMES);
        Arbitrary<List<String>> padding = Arbitraries.oneOf(initial, given, Arbitraries.just("*repeat*"))
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
        Arbitrary<List<Integer>> positions =
                Arbitraries.integers().between(0, 1000).list().ofSize(40);
        return Combinators.combine(person, padding, positions).as((p, pad, at) -> {
            List<String> tokens = new ArrayList<>(Arrays.asList(p.fullName().split(" ")));
            List<String> original = List.copyOf(tokens);
            for (int i = 0; i < pad.size(); i++) {
                String extra = pad.get(i).equals("*repeat*") ? original.get(at.get(i) % original.size()) : pad.get(i);
                tokens.add(at.get(i) % (tokens.size() + 1), extra);
            }
            String name = String.join(" ", tokens);
            while (name.length() > 300) {
                // keep within the request limit: drop padding from the end, never the registered tokens
                int last = tokens.size() - 1;
                while (original.contains(tokens.get(last))) {
                    last--;
                }
                tokens.remove(last);
                name = String.join(" ", tokens);
            }
            return new Padded(p, name);
        });
    }

    @Property(tries = 1500)
    void aPaddedRegisteredNameIsFound(@ForAll("paddedNames") Padded padded) {
        Screening screening =
                MATCHER.screen(new Probe(padded.fullName(), padded.person().dateOfBirth(), null));
        assertNotEquals(Verdict.NO_MATCH, screening.verdict(), padded::fullName);
        assertTrue(
                screening.matches().stream()
                        .anyMatch(m ->
                                m.externalId().equals(padded.person().externalId()) && m.verdict() != Verdict.NO_MATCH),
                padded::fullName);
    }

    @Test
    void shouldFindANameBehindSevenInitials() {
        Screening screening = MATCHER.screen(new Probe("A B C D E F G Abenov Nurlan", "1980-05-02", null));
        assertEquals("P-2", screening.matches().get(0).externalId());
        assertNotEquals(Verdict.NO_MATCH, screening.verdict());
    }

    @Test
    void shouldNotMatchAPaddedNameThatDoesNotContainTheRegisteredOne() {
        Screening screening = MATCHER.screen(new Probe("A B C D E F G H Marat Bolat Abenov", "1980-05-02", null));
        assertTrue(
                screening.matches().stream().noneMatch(m -> m.externalId().equals("P-2")),
                () -> screening.matches().toString());
    }

    @Test
    void shouldLeaveNamesOfUpToEightTokensAsTheyWere() {
        ParsedName name = ParsedName.parse("A B C D E F Nurlan Abenov");
        assertEquals(false, PaddedName.isPadded(name));
        assertEquals(true, PaddedName.isPadded(ParsedName.parse("A B C D E F G Nurlan Abenov")));
    }
}
