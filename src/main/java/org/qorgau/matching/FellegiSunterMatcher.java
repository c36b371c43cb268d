package org.qorgau.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matcher over one registry snapshot: candidate generation ({@link CandidateIndex}) then Fellegi–Sunter scoring
 * ({@link FellegiSunterScorer}). Immutable after construction and thread-safe. Does not log: names and dates of birth
 * must not reach logs.
 */
final class FellegiSunterMatcher implements Matcher {

    static final String ALGORITHM = "qorgau-fs/1.0";

    private static final Comparator<Match> STRONGEST_FIRST = Comparator.comparing(Match::verdict)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Match::matchWeight).reversed())
            .thenComparing(Match::externalId);

    private final String version;
    private final FellegiSunterScorer scorer;
    private final String[] ids;
    private final ParsedName[][] forms;
    private final int[] dobs;
    private final long[] photoBits;
    private final int[] photoStart; // entry e's hashes are photoStart[e] .. photoStart[e + 1] - 1
    private final TermFrequencies tf;
    private final CandidateIndex index;

    FellegiSunterMatcher(
            String version,
            FellegiSunterScorer scorer,
            String[] ids,
            ParsedName[][] forms,
            int[] dobs,
            long[] photoBits,
            int[] photoStart,
            TermFrequencies tf,
            CandidateIndex index) {
        this.version = version;
        this.scorer = scorer;
        this.ids = ids;
        this.forms = forms;
        this.dobs = dobs;
        this.photoBits = photoBits;
        this.photoStart = photoStart;
        this.tf = tf;
        this.index = index;
    }

    @Override
    public Screening screen(Probe probe) {
        ParsedName name = ParsedName.parse(probe.fullName());
        int dob = DateOfBirth.parse(probe.dateOfBirth());
        long[] photo = PhotoHash.parse(probe.photoHash());
        return collect(name, dob, photo, index.candidates(name, dob, photo));
    }

    /** Scores every entry, bypassing the index: the reference the index's recall is measured against. */
    Screening screenAll(Probe probe) {
        ParsedName name = ParsedName.parse(probe.fullName());
        int dob = DateOfBirth.parse(probe.dateOfBirth());
        long[] photo = PhotoHash.parse(probe.photoHash());
        List<Match> matches = new ArrayList<>();
        Map<NameToken, NameComparator.TokenLevel[]> cache = new IdentityHashMap<>();
        for (int e = 0; e < ids.length; e++) {
            Match m = score(true, name, dob, photo, e, cache);
            if (m != null && m.verdict() != Verdict.NO_MATCH) {
                matches.add(m);
            }
        }
        return finish(matches);
    }

    /** Scores one entry whatever its verdict (for explanations and tests). */
    Match scoreEntry(Probe probe, int entry) {
        return score(
                false,
                ParsedName.parse(probe.fullName()),
                DateOfBirth.parse(probe.dateOfBirth()),
                PhotoHash.parse(probe.photoHash()),
                entry,
                null);
    }

    private Screening collect(ParsedName name, int dob, long[] photo, int[] candidates) {
        List<Match> matches = new ArrayList<>();
        Map<NameToken, NameComparator.TokenLevel[]> cache = new IdentityHashMap<>();
        NameComparator names = scorer.names();
        for (int e : candidates) {
            // Most candidates share one common token with the probe: reject them before the full comparison (and its
            // explanation strings) when the name cannot agree and no photo can be a near-duplicate. The scorer would
            // return null for them (skipObviousNonMatches), so the result is unchanged.
            if (!names.couldAgree(name, forms[e], cache) && !photoWithinReach(photo, e)) {
                continue;
            }
            Match m = score(true, name, dob, photo, e, cache);
            if (m != null && m.verdict() != Verdict.NO_MATCH) {
                matches.add(m);
            }
        }
        return finish(matches);
    }

    /** Whether one of entry {@code e}'s photo hashes is within PDQ's match threshold of the probe's. */
    private boolean photoWithinReach(long[] photo, int e) {
        if (photo == null) {
            return false;
        }
        for (int h = photoStart[e]; h < photoStart[e + 1]; h++) {
            if (PhotoHash.distance(photo, 0, photoBits, h * 4) <= PhotoComparator.MAX_DISTANCE) {
                return true;
            }
        }
        return false;
    }

    private static Screening finish(List<Match> matches) {
        if (matches.isEmpty()) {
            return Screening.none();
        }
        matches.sort(STRONGEST_FIRST);
        return new Screening(matches.get(0).verdict(), matches);
    }

    private Match score(
            boolean skip,
            ParsedName name,
            int dob,
            long[] photo,
            int e,
            Map<NameToken, NameComparator.TokenLevel[]> cache) {
        return scorer.score(
                skip,
                ids[e],
                name,
                dob,
                photo,
                forms[e],
                dobs[e],
                photoBits,
                photoStart[e],
                photoStart[e + 1],
                tf,
                cache);
    }

    /** Number of candidates the index proposes for a probe (for tests and benchmarks). */
    int candidateCount(Probe probe) {
        return index.candidates(
                        ParsedName.parse(probe.fullName()),
                        DateOfBirth.parse(probe.dateOfBirth()),
                        PhotoHash.parse(probe.photoHash()))
                .length;
    }

    @Override
    public String engineVersion() {
        return version;
    }

    @Override
    public int size() {
        return ids.length;
    }
}
