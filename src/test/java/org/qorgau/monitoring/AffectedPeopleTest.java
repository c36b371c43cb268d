package org.qorgau.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.matching.FellegiSunterMatcherFactory;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.matching.Verdict;
import org.qorgau.screening.MatchingIndex;

/**
 * The key look-up finds exactly the people a screening of every enrolled person against the changed entries finds:
 * planted copies of changed entries, their near misses (typos, transliterations, date slips, aliases, photos) and
 * namesakes, among people who concern unchanged entries or nobody.
 */
class AffectedPeopleTest {

    private static final long REGISTRY_SEED = 20_261_125L;
    private static final FellegiSunterMatcherFactory FACTORY = FellegiSunterMatcherFactory.withDefaultParameters();

    @Test
    void shouldFindByKeysExactlyThePeopleAScreeningOfEveryoneFinds() {
        List<RegistryPerson> registry = BenchmarkData.registry(4_000, REGISTRY_SEED);
        List<RegistryPerson> base = registry.subList(0, 3_000);
        Matcher baseMatcher = FACTORY.build(base);
        // the change: 1,000 new entries, 200 existing entries rewritten as other people, 50 removed
        List<RegistryPerson> changed = new ArrayList<>(registry.subList(3_000, 4_000));
        List<RegistryPerson> others = BenchmarkData.registry(200, 4_242L);
        for (int i = 0; i < 200; i++) {
            RegistryPerson other = others.get(i);
            changed.add(new RegistryPerson(
                    base.get(i * 5).externalId(),
                    other.fullName(),
                    other.aliases(),
                    other.dateOfBirth(),
                    other.photoHashes()));
        }
        Set<String> touched = new HashSet<>();
        changed.forEach(e -> touched.add(e.externalId()));
        for (int i = 0; i < 50; i++) {
            touched.add(base.get(1 + i * 7).externalId());
        }
        MatchingIndex.Changes changes =
                new MatchingIndex.Changes(10, 11, FACTORY.buildDelta(changed, baseMatcher), touched, changed);

        List<MonitoredPerson.Probe> people = new ArrayList<>();
        // registered variants and not-registered people (namesakes, siblings, strangers) of the first 4,000 entries
        for (Probe probe : BenchmarkData.probeMix(3_000, 4_000, REGISTRY_SEED, 7_777L)) {
            people.add(person(probe, "", 10));
        }
        Set<UUID> planted = new HashSet<>();
        for (int i = 0; i < 50; i++) { // exact copies of new and rewritten entries
            RegistryPerson entry = changed.get(i * 24);
            MonitoredPerson.Probe person = person(
                    new Probe(
                            entry.fullName(),
                            entry.dateOfBirth(),
                            entry.photoHashes().isEmpty()
                                    ? null
                                    : entry.photoHashes().get(0)),
                    "",
                    10);
            people.add(person);
            planted.add(person.id());
        }
        // whose last check matched a removed entry, and who joined while the cursor moved on
        people.add(person(
                new Probe("Nobody Matches Anything", "1901-01-01", null),
                base.get(1).externalId() + " MATCH",
                10));
        people.add(person(new Probe("Nobody Matches Either", "1901-01-02", null), "", 9));

        Set<UUID> everyone = bruteForce(people, changes);
        AffectedPeople.Found found = new AffectedPeople(FACTORY).find(people, changes);

        assertEquals(everyone, new HashSet<>(found.due()), "the key look-up found other people than a full screening");
        assertTrue(everyone.containsAll(planted), "every planted person is due");
        int nearMisses = everyone.size() - planted.size() - 2;
        assertTrue(nearMisses >= 100, "the fixture holds near misses that concern the change: " + nearMisses);
        assertEquals(people.size(), found.due().size() + found.unaffected().size());
        // a dense fixture (the people are variants of the registry's own names): still, not everyone is screened
        assertTrue(found.screened() < people.size(), found.screened() + " of " + people.size() + " screened");
    }

    @Test
    void shouldScreenNobodyWhenNoKeyOrDateIsShared() {
        RegistryPerson entry = new RegistryPerson("X-1", "Абенов Нурлан Серикович", List.of(), "1979-03-14", List.of());
        Matcher delta = FACTORY.build(List.of(entry));
        MatchingIndex.Changes changes = new MatchingIndex.Changes(1, 2, delta, Set.of("X-1"), List.of(entry));
        MonitoredPerson.Probe namesakeOtherDate = person(new Probe("Abenov Nurlan", "1990-08-02", null), "", 1);
        MonitoredPerson.Probe stranger = person(new Probe("Ivanova Maria", "1979-03-14", null), "", 1);
        MonitoredPerson.Probe typo = person(new Probe("Abenv Nurlan Serikovich", "1979-03-14", null), "", 1);

        AffectedPeople.Found found =
                new AffectedPeople(FACTORY).find(List.of(namesakeOtherDate, stranger, typo), changes);

        assertEquals(List.of(typo.id()), found.due());
        assertEquals(1, found.screened());
    }

    /**
     * When more than a tenth of the registry changed and the served index is a full index of the changed version, a
     * round screens people against the served index instead of building a delta of the changes: the people found due
     * must be those the delta finds, and those a brute-force screening of the new registry finds on a changed entry.
     */
    @Test
    void shouldFindTheSameDuePeopleWithTheServedFullIndexAsWithADeltaOfTheChanges() {
        List<RegistryPerson> registry = BenchmarkData.registry(4_000, REGISTRY_SEED);
        List<RegistryPerson> now = new ArrayList<>(registry); // the new version: 1,000 new entries, 200 rewritten
        List<RegistryPerson> changed = new ArrayList<>(registry.subList(3_000, 4_000));
        List<RegistryPerson> others = BenchmarkData.registry(200, 4_242L);
        for (int i = 0; i < 200; i++) {
            RegistryPerson other = others.get(i);
            RegistryPerson rewritten = new RegistryPerson(
                    registry.get(i * 5).externalId(),
                    other.fullName(),
                    other.aliases(),
                    other.dateOfBirth(),
                    other.photoHashes());
            now.set(i * 5, rewritten);
            changed.add(rewritten);
        }
        Set<String> touched = new HashSet<>();
        changed.forEach(e -> touched.add(e.externalId()));
        assertTrue(touched.size() * 10L > now.size(), "more than a tenth of the registry changed");
        Matcher served = FACTORY.build(now); // the served index: a full index of the changed version
        MatchingIndex.Changes shortCut = new MatchingIndex.Changes(10, 11, served, touched, changed);
        MatchingIndex.Changes delta =
                new MatchingIndex.Changes(10, 11, FACTORY.buildDelta(changed, served), touched, changed);

        // variants of unchanged entries (who match the served index, but no changed entry) and of changed ones
        List<MonitoredPerson.Probe> people = new ArrayList<>();
        for (Probe probe : BenchmarkData.probeMix(2_000, 4_000, REGISTRY_SEED, 7_777L)) {
            people.add(person(probe, "", 10));
        }
        for (int i = 0; i < 40; i++) { // exact copies of unchanged entries
            RegistryPerson entry = now.get(1 + i * 50);
            people.add(
                    person(new Probe(entry.fullName(), entry.dateOfBirth(), null), entry.externalId() + " MATCH", 10));
        }
        for (int i = 0; i < 40; i++) { // exact copies of new and rewritten entries
            RegistryPerson entry = changed.get(i * 30);
            people.add(person(new Probe(entry.fullName(), entry.dateOfBirth(), null), "", 10));
        }

        Set<UUID> byShortCut =
                new HashSet<>(new AffectedPeople(FACTORY).find(people, shortCut).due());
        Set<UUID> byDelta =
                new HashSet<>(new AffectedPeople(FACTORY).find(people, delta).due());
        Set<UUID> byBruteForce = new HashSet<>();
        for (MonitoredPerson.Probe person : people) {
            boolean matchesChanged =
                    served
                            .screen(new Probe(person.fullName(), person.dateOfBirth(), person.photoHash()))
                            .matches()
                            .stream()
                            .anyMatch(m -> m.verdict() != Verdict.NO_MATCH && touched.contains(m.externalId()));
            if (matchesChanged) {
                byBruteForce.add(person.id());
            }
        }

        assertTrue(byBruteForce.size() >= 40, "the fixture holds people a changed entry concerns: " + byBruteForce);
        assertEquals(byDelta, byShortCut, "the served index found other people due than a delta of the changes");
        assertEquals(byBruteForce, byShortCut, "the served index found other people due than a full screening");
    }

    private static Set<UUID> bruteForce(List<MonitoredPerson.Probe> people, MatchingIndex.Changes changes) {
        Set<UUID> due = new HashSet<>();
        for (MonitoredPerson.Probe person : people) {
            boolean baselineTouched =
                    Baseline.parse(person.baseline()).ids().stream().anyMatch(changes.touched()::contains);
            if (person.screenedVersion() < changes.fromVersion()
                    || baselineTouched
                    || AffectedPeople.matchesChanged(person, changes)) {
                due.add(person.id());
            }
        }
        return due;
    }

    private static MonitoredPerson.Probe person(Probe probe, String baseline, long screenedVersion) {
        return new MonitoredPerson.Probe(
                UUID.randomUUID(), probe.fullName(), probe.dateOfBirth(), probe.photoHash(), baseline, screenedVersion);
    }
}
