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
}
