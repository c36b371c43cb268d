package org.qorgau.monitoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.qorgau.evaluation.BenchmarkData;
import org.qorgau.matching.FellegiSunterMatcherFactory;
import org.qorgau.matching.Matcher;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.screening.MatchingIndex;

/**
 * The affected-people search in memory, on the data {@code scripts/bench-monitoring} uses (a synthetic registry, an
 * upsert of half new entries and half rewritten ones, people of another seed): how long finding the due people takes,
 * without the service or its database.
 *
 * <pre>AffectedPeopleBench [entries] [people] [upsert] [rounds]</pre>
 *
 * With {@code -Dsplit} it first times, on one thread and twice (cold, then warm), preparing the people, building the
 * filter, filtering and screening those the filter lets through.
 */
public final class AffectedPeopleBench {

    private AffectedPeopleBench() {}

    /** One thread: the filter's CPU time and the engine's for the people the filter lets through. */
    private static void split(
            FellegiSunterMatcherFactory factory,
            Matcher base,
            List<RegistryPerson> changed,
            Set<String> touched,
            List<MonitoredPerson.Probe> people) {
        java.util.Map<String, org.qorgau.matching.NameToken> interner = new java.util.HashMap<>();
        long t0 = cpu();
        List<org.qorgau.matching.ChangeFilter.Person> prepared = new ArrayList<>();
        for (MonitoredPerson.Probe p : people) {
            prepared.add(org.qorgau.matching.ChangeFilter.person(p.fullName(), p.dateOfBirth(), null, interner));
        }
        long t1 = cpu();
        org.qorgau.matching.ChangeFilter filter = factory.changeFilter(changed).orElseThrow();
        MatchingIndex.Changes changes =
                new MatchingIndex.Changes(10, 11, factory.buildDelta(changed, base), touched, changed);
        long t2 = cpu();
        List<MonitoredPerson.Probe> through = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            if (filter.mayMatch(prepared.get(i))) {
                through.add(people.get(i));
            }
        }
        long t3 = cpu();
        int due = 0;
        for (MonitoredPerson.Probe p : through) {
            due += AffectedPeople.matchesChanged(p, changes) ? 1 : 0;
        }
        long t4 = cpu();
        System.out.printf(
                Locale.ROOT,
                "one thread: prepared %d people in %d ms, built filter and delta in %d ms, filtered in %d ms (%d"
                        + " through), screened them in %d ms (%d due)%n",
                people.size(),
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000,
                through.size(),
                (t4 - t3) / 1_000_000,
                due);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .substring(0, 14);
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int enrolled = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int upsert = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        FellegiSunterMatcherFactory factory = FellegiSunterMatcherFactory.withDefaultParameters();
        List<RegistryPerson> registry = BenchmarkData.registry(entries, 20_261_125L);
        Matcher base = factory.build(registry);
        List<RegistryPerson> raw = BenchmarkData.registry(upsert, 4_242L);
        List<RegistryPerson> changed = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) { // the first half new entries, the second half rewritten existing ones
            RegistryPerson e = raw.get(i);
            String id = i < upsert / 2 ? "U-" + i : registry.get(i).externalId();
            changed.add(new RegistryPerson(id, e.fullName(), e.aliases(), e.dateOfBirth(), e.photoHashes()));
        }
        Set<String> touched = new HashSet<>();
        changed.forEach(e -> touched.add(e.externalId()));
        List<MonitoredPerson.Probe> people = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RegistryPerson e = changed.get(i);
            people.add(new MonitoredPerson.Probe(UUID.randomUUID(), e.fullName(), e.dateOfBirth(), null, "", 10));
        }
        for (RegistryPerson p : BenchmarkData.registry(enrolled - 100, 777L)) {
            people.add(new MonitoredPerson.Probe(UUID.randomUUID(), p.fullName(), p.dateOfBirth(), null, "", 10));
        }
        AffectedPeople affected = new AffectedPeople(factory);
        if (System.getProperty("split") != null) {
            split(factory, base, changed, touched, people);
            split(factory, base, changed, touched, people);
        }
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            MatchingIndex.Changes changes =
                    new MatchingIndex.Changes(10, 11, factory.buildDelta(changed, base), touched, changed);
            long t1 = System.nanoTime();
            long cpu1 = cpu();
            AffectedPeople.Found found = affected.find(people, changes);
            long t2 = System.nanoTime();
            long cpu2 = cpu();
            System.out.printf(
                    Locale.ROOT,
                    "round %d: delta built in %d ms; %d of %d due, %d screened, found in %d ms (%d ms of CPU; load %s)%n",
                    round,
                    (t1 - t0) / 1_000_000,
                    found.due().size(),
                    people.size(),
                    found.screened(),
                    (t2 - t1) / 1_000_000,
                    (cpu2 - cpu1) / 1_000_000,
                    loadAverage());
        }
    }
}
