package org.qorgau.monitoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.qorgau.matching.DateOfBirth;
import org.qorgau.matching.Match;
import org.qorgau.matching.PhotoHash;
import org.qorgau.matching.Probe;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.matching.RetrievalKeys;
import org.qorgau.matching.Verdict;
import org.qorgau.screening.MatchingIndex;

/**
 * Which enrolled people a registry change can concern, found by key look-up rather than by screening everyone.
 *
 * <p>The engine scores only the entries its candidate stage retrieves: those sharing a name key with the probe whose
 * date of birth does not contradict the probe's, and those with a photo within reach ({@link RetrievalKeys}). So the
 * changed entries are indexed by those keys, each person's keys (computed once: an enrolment's name, date and photo
 * never change) are looked up in it, and only the people who share a key with a compatible date, or a near photo, are
 * screened against the changed entries — with the engine itself, exactly as a screening of everyone would, so the
 * people found due are exactly those a screening of everyone would find. The rest cannot match a changed entry.
 *
 * <p>Thread-safe: one instance serves the replica's rounds; a round's look-ups run in parallel.
 */
final class AffectedPeople {

    /** A person's retrieval keys: 64-bit hashes of the name keys, the packed date of birth, the photo hash or null. */
    record Keys(long[] names, int dob, long[] photo) {}

    /** The outcome of a round: who is due, who is known unaffected, and how many were screened by the engine. */
    record Found(List<UUID> due, List<UUID> unaffected, int screened) {}

    private final Map<UUID, Keys> cache = new ConcurrentHashMap<>();

    /** Who among {@code people} must be re-screened in full for {@code changes}. */
    Found find(List<MonitoredPerson.Probe> people, MatchingIndex.Changes changes) {
        ChangedEntries entries = ChangedEntries.of(changes.entries());
        List<UUID> due = Collections.synchronizedList(new ArrayList<>());
        List<UUID> unaffected = Collections.synchronizedList(new ArrayList<>(people.size()));
        AtomicInteger screened = new AtomicInteger();
        people.parallelStream().forEach(person -> {
            Outcome outcome = outcome(person, changes, entries);
            if (outcome == Outcome.UNAFFECTED || outcome == Outcome.UNAFFECTED_SCREENED) {
                unaffected.add(person.id());
            } else {
                due.add(person.id());
            }
            if (outcome == Outcome.DUE_MATCHED || outcome == Outcome.UNAFFECTED_SCREENED) {
                screened.incrementAndGet();
            }
        });
        if (cache.size() > people.size() * 2 + 1_000) { // unenrolled people's keys: dropped now and then
            Set<UUID> active = new HashSet<>();
            people.forEach(p -> active.add(p.id()));
            cache.keySet().retainAll(active);
        }
        return new Found(List.copyOf(due), List.copyOf(unaffected), screened.get());
    }

    /** A person's outcome in a round; DUE_MATCHED and UNAFFECTED_SCREENED are the people the engine screened. */
    private enum Outcome {
        /** Due without screening: behind the changes, or the last check matched a changed or removed entry. */
        DUE,
        /** A changed entry matches them now. */
        DUE_MATCHED,
        /** Retrieved by a key, screened, and no changed entry matches. */
        UNAFFECTED_SCREENED,
        /** No key, compatible date or photo in common with any changed entry. */
        UNAFFECTED
    }

    private Outcome outcome(MonitoredPerson.Probe person, MatchingIndex.Changes changes, ChangedEntries entries) {
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
        Keys keys = cache.computeIfAbsent(
                person.id(), id -> keys(person.fullName(), person.dateOfBirth(), person.photoHash()));
        if (!entries.retrieves(keys)) {
            return Outcome.UNAFFECTED;
        }
        return matchesChanged(person, changes) ? Outcome.DUE_MATCHED : Outcome.UNAFFECTED_SCREENED;
    }

    /** Whether the engine matches the person with one of the changed entries (what a screening of everyone asks). */
    static boolean matchesChanged(MonitoredPerson.Probe person, MatchingIndex.Changes changes) {
        String photo = person.photoHash() == null ? null : person.photoHash().toLowerCase(Locale.ROOT);
        for (Match match : changes.changed()
                .screen(new Probe(person.fullName(), person.dateOfBirth(), photo))
                .matches()) {
            if (match.verdict() != Verdict.NO_MATCH) {
                return true;
            }
        }
        return false;
    }

    static Keys keys(String fullName, String dateOfBirth, String photoHash) {
        Set<String> names = RetrievalKeys.of(fullName);
        long[] hashes = new long[names.size()];
        int i = 0;
        for (String key : names) {
            hashes[i++] = hash(key);
        }
        return new Keys(hashes, DateOfBirth.parse(dateOfBirth), PhotoHash.parse(photoHash));
    }

    /** 64-bit FNV-1a: a collision only makes a person a candidate needlessly (the engine then says no). */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The changed entries by retrieval key: each key's distinct dates of birth, and every photo hash. */
    static final class ChangedEntries {

        private final Map<Long, int[]> datesByKey;
        private final List<long[]> photos;

        private ChangedEntries(Map<Long, int[]> datesByKey, List<long[]> photos) {
            this.datesByKey = datesByKey;
            this.photos = photos;
        }

        static ChangedEntries of(List<RegistryPerson> entries) {
            Map<Long, int[]> building = new HashMap<>();
            List<long[]> photos = new ArrayList<>();
            for (RegistryPerson entry : entries) {
                int dob = DateOfBirth.parse(entry.dateOfBirth());
                Set<String> keys = RetrievalKeys.of(entry.fullName());
                for (String alias : entry.aliases()) {
                    keys.addAll(RetrievalKeys.of(alias));
                }
                for (String key : keys) {
                    building.merge(hash(key), new int[] {dob}, ChangedEntries::union);
                }
                for (String hex : entry.photoHashes()) {
                    long[] photo = PhotoHash.parse(hex);
                    if (photo != null) {
                        photos.add(photo);
                    }
                }
            }
            return new ChangedEntries(building, photos);
        }

        private static int[] union(int[] dates, int[] one) {
            for (int d : dates) {
                if (d == one[0]) {
                    return dates;
                }
            }
            int[] more = Arrays.copyOf(dates, dates.length + 1);
            more[dates.length] = one[0];
            return more;
        }

        /** Whether the engine's candidate stage could retrieve one of these entries for a person with these keys. */
        boolean retrieves(Keys person) {
            for (long key : person.names()) {
                int[] dates = datesByKey.get(key);
                if (dates != null) {
                    for (int dob : dates) {
                        if (RetrievalKeys.datesCompatible(person.dob(), dob)) {
                            return true;
                        }
                    }
                }
            }
            if (person.photo() != null) {
                for (long[] photo : photos) {
                    if (RetrievalKeys.photosWithinReach(person.photo(), photo)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
