package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The delta index on top of a full one answers as a full rebuild of the new version would. */
class LayeredMatcherTest {

    private static final String[] SURNAMES = {
        "Иванов", "Ахметов", "Омаров", "Жұмабаев", "Оспанов", "Исаев", "Қасымов", "Серікбаев", "Смирнов", "Попов"
    };
    private static final String[] GIVEN = {"Нұрлан", "Ерлан", "Сергей", "Алексей", "Бауыржан", "Дмитрий", "Асхат"};
    private static final String[] FATHER = {"Маратович", "Серікұлы", "Петрович", "Ахметович", "Иванович"};

    private final FellegiSunterMatcherFactory factory = FellegiSunterMatcherFactory.withDefaultParameters();

    /** {@code n} deterministic people, ids P-0 .. P-(n-1). */
    private static Map<String, RegistryPerson> people(int n) {
        Map<String, RegistryPerson> people = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = SURNAMES[i % SURNAMES.length] + " " + GIVEN[(i / 10) % GIVEN.length] + " "
                    + FATHER[(i / 70) % FATHER.length];
            String dob = String.format("%d-%02d-%02d", 1960 + i % 40, 1 + i % 12, 1 + i % 28);
            people.put("P-" + i, new RegistryPerson("P-" + i, name, List.of(), dob, List.of()));
        }
        return people;
    }

    private static Set<String> ids(Screening screening) {
        Set<String> ids = new HashSet<>();
        for (Match m : screening.matches()) {
            ids.add(m.externalId());
        }
        return ids;
    }

    @Test
    void answersLikeAFullRebuildAfterAddsChangesAndRemovals() {
        Map<String, RegistryPerson> before = people(700);
        Matcher base = factory.build(before.values());

        Map<String, RegistryPerson> after = new LinkedHashMap<>(before);
        List<RegistryPerson> changed = new ArrayList<>();
        RegistryPerson added =
                new RegistryPerson("NEW-1", "Тоқтаров Әлихан Бекұлы", List.of(), "1991-07-14", List.of());
        RegistryPerson renamed =
                new RegistryPerson("P-5", "Жаксыбеков Талгат Канатович", List.of(), "1965-06-06", List.of());
        changed.add(added);
        changed.add(renamed);
        after.put(added.externalId(), added);
        after.put(renamed.externalId(), renamed);
        after.remove("P-7");
        Set<String> hidden = new HashSet<>(Set.of("NEW-1", "P-5", "P-7"));
        Matcher layered = new LayeredMatcher(base, factory.buildDelta(changed, base), hidden, after.size());
        Matcher rebuilt = factory.build(after.values());

        RegistryPerson oldFive = before.get("P-5");
        RegistryPerson seven = before.get("P-7");
        List<Probe> probes = new ArrayList<>(List.of(
                new Probe(added.fullName(), added.dateOfBirth(), null),
                new Probe("Toktarov Alikhan", added.dateOfBirth(), null),
                new Probe(renamed.fullName(), renamed.dateOfBirth(), null),
                new Probe(oldFive.fullName(), oldFive.dateOfBirth(), null),
                new Probe(seven.fullName(), seven.dateOfBirth(), null)));
        for (int i = 0; i < 700; i += 37) {
            RegistryPerson p = before.get("P-" + i);
            probes.add(new Probe(p.fullName(), p.dateOfBirth(), null));
        }

        assertEquals(Verdict.MATCH, layered.screen(probes.get(0)).verdict());
        assertTrue(ids(layered.screen(probes.get(0))).contains("NEW-1"));
        assertTrue(ids(layered.screen(probes.get(2))).contains("P-5"));
        // the base still holds P-5's old name and P-7: the layer must not answer with them
        assertTrue(ids(base.screen(probes.get(3))).contains("P-5"));
        assertFalse(ids(layered.screen(probes.get(3))).contains("P-5"));
        assertTrue(ids(base.screen(probes.get(4))).contains("P-7"));
        assertFalse(ids(layered.screen(probes.get(4))).contains("P-7"));
        for (Probe probe : probes) {
            Screening a = layered.screen(probe);
            Screening b = rebuilt.screen(probe);
            assertEquals(b.verdict(), a.verdict(), probe.fullName());
            assertEquals(ids(b), ids(a), probe.fullName());
        }
        assertEquals(after.size(), layered.size());
        assertEquals(rebuilt.engineVersion(), layered.engineVersion());
    }

    /** A matcher that answers as {@code m} but is not the engine's own type (the layer cannot share its token ids). */
    private static Matcher opaque(Matcher m) {
        return new Matcher() {
            @Override
            public Screening screen(Probe probe) {
                return m.screen(probe);
            }

            @Override
            public String engineVersion() {
                return m.engineVersion();
            }

            @Override
            public int size() {
                return m.size();
            }
        };
    }

    /**
     * A delta index shares its base's token ids, so a layered screening compares each registry token with the probe
     * once for both indexes; its answers, explanations included, are those of screening each index on its own.
     */
    @Test
    void sharedTokenMemoAnswersAsScreeningEachIndexAlone() {
        Map<String, RegistryPerson> before = people(700);
        before.put(
                "LAT-1",
                new RegistryPerson("LAT-1", "Иванов Сергей", List.of("Ivanov Sergei"), "1970-01-01", List.of()));
        Matcher base = factory.build(before.values());
        List<RegistryPerson> changed = List.of(
                new RegistryPerson("P-3", "Омаров Асхат Маратович", List.of("Omarov Askhat"), "1963-04-04", List.of()),
                new RegistryPerson("NEW-2", "Иванов Сергей Петрович", List.of(), "1970-01-01", List.of()),
                new RegistryPerson("NEW-3", "Mitchell Berry", List.of("Митчелл Берри"), "1985-05-05", List.of()));
        Matcher delta = factory.buildDelta(changed, base);
        assertTrue(((FellegiSunterMatcher) delta).deltaOf(base));
        Set<String> hidden = Set.of("P-3", "NEW-2", "NEW-3");
        Matcher shared = new LayeredMatcher(base, delta, hidden, before.size() + 2);
        Matcher separate = new LayeredMatcher(opaque(base), opaque(delta), hidden, before.size() + 2);

        List<Probe> probes = new ArrayList<>(List.of(
                new Probe("Ivanov Sergei", "1970-01-01", null),
                new Probe("Иванов Сергей", "1970", null),
                new Probe("Omarov Askhat", "1963-04-04", null),
                new Probe("Mitch Ell Berry", "1985-05-05", null),
                new Probe("Митчел Бери", "1985-05-05", null),
                new Probe("Иванов Сергей Петрович", "1970-01-10", null),
                new Probe(before.get("P-3").fullName(), before.get("P-3").dateOfBirth(), null))); // changed since
        for (int i = 0; i < 700; i += 23) {
            RegistryPerson p = before.get("P-" + i);
            probes.add(new Probe(p.fullName(), p.dateOfBirth(), null));
        }
        int matched = 0;
        for (Probe probe : probes) {
            Screening a = shared.screen(probe);
            Screening b = separate.screen(probe);
            assertEquals(b, a, probe.fullName());
            matched += a.matches().size();
        }
        assertTrue(ids(shared.screen(probes.get(0))).contains("NEW-2"), "the delta answers through shared tokens");
        assertTrue(ids(base.screen(probes.get(6))).contains("P-3"));
        assertFalse(ids(shared.screen(probes.get(6))).contains("P-3"), "the base's answer about a changed entry");
        assertTrue(matched > probes.size(), "the probes reach entries of both indexes");
    }
}
