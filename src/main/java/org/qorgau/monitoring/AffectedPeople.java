package org.qorgau.monitoring;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.qorgau.matching.ChangeFilter;
import org.qorgau.matching.Match;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.NameToken;
import org.qorgau.matching.Probe;
import org.qorgau.matching.Verdict;
import org.qorgau.screening.MatchingIndex;

/**
 * Which enrolled people a registry change can concern, found without screening everyone.
 *
 * <p>The engine reports only the entries its candidate stage retrieves and its quick rejection lets through: a shared
 * name key with a date of birth that does not contradict, enough agreeing name tokens (or an equal full date of birth
 * and one agreeing token), or a photo within reach. A {@link ChangeFilter} over the changed entries asks those
 * questions for each person, comparing each distinct pair of name tokens once for everyone, and only the people it
 * cannot rule out are screened against the changed entries — with the engine itself, exactly as a screening of
 * everyone would, so the people found due are exactly those a screening of everyone would find. Each person is
 * prepared once (an enrolment's name, date and photo never change).
 *
 * <p>Thread-safe: one instance serves the replica's rounds; a round's look-ups run in parallel. People enrolled on this
 * replica are prepared as they enrol ({@link #prepare}), so a round after a registry change only rules out.
 */
@Singleton
final class AffectedPeople {

    /** The outcome of a round: who is due, who is known unaffected, and how many were screened by the engine. */
    record Found(List<UUID> due, List<UUID> unaffected, int screened) {}

    private final MatcherFactory factory;
    private final Map<UUID, ChangeFilter.Person> cache = new ConcurrentHashMap<>();
    private final Map<String, NameToken> tokens = new ConcurrentHashMap<>();

    AffectedPeople(MatcherFactory factory) {
        this.factory = factory;
    }

    /** Prepares a person ahead of the rounds that may concern them (an enrolment's fields never change). */
    void prepare(UUID id, String fullName, String dateOfBirth, String photoHash) {
        if (fullName != null) {
            cache.computeIfAbsent(
                    id,
                    key -> ChangeFilter.person(
                            fullName,
                            dateOfBirth,
                            photoHash == null ? null : photoHash.toLowerCase(Locale.ROOT),
                            tokens));
        }
    }

    /** Who among {@code people} must be re-screened in full for {@code changes}. */
    Found find(List<MonitoredPerson.Probe> people, MatchingIndex.Changes changes) {
        if (people.isEmpty()) {
            return new Found(List.of(), List.of(), 0);
        }
        ChangeFilter filter = factory.changeFilter(changes.entries()).orElse(null);
        List<UUID> due = Collections.synchronizedList(new ArrayList<>());
        List<UUID> unaffected = Collections.synchronizedList(new ArrayList<>(people.size()));
        AtomicInteger screened = new AtomicInteger();
        people.parallelStream().forEach(person -> {
            Outcome outcome = outcome(person, changes, filter);
            if (outcome == Outcome.UNAFFECTED || outcome == Outcome.UNAFFECTED_SCREENED) {
                unaffected.add(person.id());
            } else {
                due.add(person.id());
            }
            if (outcome == Outcome.DUE_MATCHED || outcome == Outcome.UNAFFECTED_SCREENED) {
                screened.incrementAndGet();
            }
        });
        if (cache.size() > people.size() * 2 + 1_000) { // unenrolled people: dropped now and then
            Set<UUID> active = new HashSet<>();
            people.forEach(p -> active.add(p.id()));
            cache.keySet().retainAll(active);
            tokens.clear(); // the people kept hold their own tokens
        }
        return new Found(List.copyOf(due), List.copyOf(unaffected), screened.get());
    }

    /** A person's outcome in a round; DUE_MATCHED and UNAFFECTED_SCREENED are the people the engine screened. */
    private enum Outcome {
        /** Due without screening: behind the changes, or the last check matched a changed or removed entry. */
        DUE,
        /** A changed entry matches them now. */
        DUE_MATCHED,
        /** Not ruled out by the filter, screened, and no changed entry matches. */
        UNAFFECTED_SCREENED,
        /** Ruled out by the filter: the engine cannot report a changed entry for them. */
        UNAFFECTED
    }

    private Outcome outcome(MonitoredPerson.Probe person, MatchingIndex.Changes changes, ChangeFilter filter) {
        if (person.screenedVersion() < changes.fromVersion()) {
            return Outcome.DUE; // enrolled while the cursor moved past their first check's version
        }
        for (String id : Baseline.parse(person.baseline()).ids()) {
            if (changes.touched().contains(id)) {
                return Outcome.DUE;
            }
        }
        if (person.fullName() == null) {
            return Outcome.UNAFFECTED; // redacted
        }
        if (filter != null) {
            ChangeFilter.Person prepared = cache.computeIfAbsent(
                    person.id(),
                    id -> ChangeFilter.person(person.fullName(), person.dateOfBirth(), photo(person), tokens));
            if (!filter.mayMatch(prepared)) {
                return Outcome.UNAFFECTED;
            }
        }
        return matchesChanged(person, changes) ? Outcome.DUE_MATCHED : Outcome.UNAFFECTED_SCREENED;
    }

    private static String photo(MonitoredPerson.Probe person) {
        return person.photoHash() == null ? null : person.photoHash().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the engine matches the person with one of the changed entries (what a screening of everyone asks). Only
     * changed entries count: when much of the registry changed, {@code changes.changed()} is the served full index,
     * whose matches with unchanged entries concern no re-screen.
     */
    static boolean matchesChanged(MonitoredPerson.Probe person, MatchingIndex.Changes changes) {
        for (Match match : changes.changed()
                .screen(new Probe(person.fullName(), person.dateOfBirth(), photo(person)))
                .matches()) {
            if (match.verdict() != Verdict.NO_MATCH && changes.touched().contains(match.externalId())) {
                return true;
            }
        }
        return false;
    }
}
