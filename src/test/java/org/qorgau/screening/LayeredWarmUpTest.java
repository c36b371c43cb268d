package org.qorgau.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qorgau.matching.FellegiSunterMatcherFactory;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.RegistryPerson;

class LayeredWarmUpTest {

    @Test
    void screensThroughADeltaOnTheFullIndexWithinItsLimits() {
        List<RegistryPerson> people = new ArrayList<>();
        String[] given = {"Айгүл", "Ivan", "Мария", "Nurlan", "Светлана", "John"};
        String[] family = {"Нұрланова", "Petrov", "Соколова", "Abenov", "Ким", "Smith"};
        for (int i = 0; i < 300; i++) {
            people.add(new RegistryPerson(
                    "W-" + i,
                    given[i % given.length] + " " + family[(i / given.length) % family.length],
                    List.of(),
                    (1960 + i % 40) + "-0" + (1 + i % 9) + "-1" + (i % 10),
                    List.of()));
        }
        MatcherFactory factory = FellegiSunterMatcherFactory.withDefaultParameters();
        Matcher base = factory.build(people);

        int screened = LayeredWarmUp.run(factory, base, LayeredWarmUp.sample(people), 5);

        assertTrue(screened > 0 && screened <= LayeredWarmUp.MAX_SCREENINGS, "screened " + screened);
        assertEquals(300, base.size(), "the full index is left as it was");
    }

    @Test
    void anEmptyRegistryHasNothingToWarm() {
        MatcherFactory factory = FellegiSunterMatcherFactory.withDefaultParameters();
        assertEquals(0, LayeredWarmUp.run(factory, factory.build(List.of()), List.of(), 5));
    }
}
