package org.qorgau.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One registry version served as a full index of an earlier version (the base) plus a small delta index over the
 * entries added or changed since, built with the base's term frequencies. The base's answers about entries changed or
 * removed since ({@code hidden}) are dropped; the delta answers for the changed ones. Immutable like its parts.
 */
public final class LayeredMatcher implements Matcher {

    /** The order the engine reports matches in: strongest verdict, then highest weight, then id. */
    static final Comparator<Match> STRONGEST_FIRST = Comparator.comparing(Match::verdict)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Match::matchWeight).reversed())
            .thenComparing(Match::externalId);

    private final Matcher base;
    private final Matcher delta;
    private final Set<String> hidden;
    private final int size;

    /**
     * @param base the full index of an earlier version
     * @param delta the index of the entries added or changed since
     * @param hidden the ids of every entry changed or removed since the base (the base must not answer for them)
     * @param size entries in this version
     */
    public LayeredMatcher(Matcher base, Matcher delta, Set<String> hidden, int size) {
        this.base = base;
        this.delta = delta;
        this.hidden = Set.copyOf(hidden);
        this.size = size;
    }

    @Override
    public Screening screen(Probe probe) {
        return screen(probe, Integer.MAX_VALUE);
    }

    @Override
    public Screening screen(Probe probe, int maxReported) {
        if (delta instanceof FellegiSunterMatcher fs && fs.deltaOf(base)) {
            return fs.screenOver(probe, hidden, maxReported);
        }
        // the base's answer in full: a base stopped early might have counted entries the merge drops
        return merge(base.screen(probe), delta.screen(probe, maxReported), hidden);
    }

    /** The base's answers less those about {@code hidden} entries, and the delta's. */
    static Screening merge(Screening fromBase, Screening fromDelta, Set<String> hidden) {
        if (fromDelta.matches().isEmpty()
                && fromBase.matches().stream().noneMatch(m -> hidden.contains(m.externalId()))) {
            return fromBase;
        }
        List<Match> matches = new ArrayList<>(fromDelta.matches());
        for (Match m : fromBase.matches()) {
            if (!hidden.contains(m.externalId())) {
                matches.add(m);
            }
        }
        if (matches.isEmpty()) {
            return Screening.none();
        }
        matches.sort(STRONGEST_FIRST);
        Verdict verdict = matches.get(0).verdict();
        return new Screening(verdict, matches);
    }

    @Override
    public String engineVersion() {
        return base.engineVersion();
    }

    @Override
    public int size() {
        return size;
    }

    /** The full index this delta sits on. */
    public Matcher base() {
        return base;
    }

    /** Entries served from the delta index. */
    int deltaSize() {
        return delta.size();
    }
}
