package org.qorgau.dispute;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qorgau.common.Reads;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.screening.ClearedEntries;
import org.qorgau.screening.api.CheckResponse.EvidenceView;
import org.qorgau.screening.api.CheckResponse.MatchView;
import org.qorgau.screening.api.CheckResponse.ResolvedDispute;
import org.qorgau.security.CandidateKeys;

/**
 * Resolutions in force applied to a later check of the same person, by any organisation. A {@code NOT_SAME_PERSON}
 * resolution about this identity and this entry clears the entry (NO_MATCH, "resolved dispute … on …" first in its
 * explanation, no registry details shown) unless there is new evidence since: a photo that agrees with the entry's, or
 * an entry that changed. Then the match stands and the resolution is shown beside it with the reason it was set aside.
 * A {@code SAME_PERSON} resolution is shown beside the match. A resolution is about one identity and one entry: it
 * never touches another entry of the same check, nor another person's check of the same entry.
 */
@ApplicationScoped
public class ResolvedDisputes implements ClearedEntries {

    static final String PHOTO_MATCH = "PHOTO_MATCH";
    static final String ENTRY_CHANGED = "ENTRY_CHANGED";

    private final DisputeStore store;
    private final CandidateKeys keys;

    public ResolvedDisputes(DisputeStore store, CandidateKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    @Override
    public Reads.Read<Clearing> read(String fullName, String dateOfBirth, Collection<String> externalIds) {
        return store.inForceRead(externalIds)
                .map(resolutions -> (matches, entries) -> apply(fullName, dateOfBirth, resolutions, matches, entries));
    }

    private List<MatchView> apply(
            String fullName,
            String dateOfBirth,
            List<DisputeResolution> inForce,
            List<MatchView> matches,
            Map<String, RegistryEntry> entries) {
        if (matches.isEmpty() || inForce.isEmpty()) {
            return matches;
        }
        // the rows are selected by entry: keep those about this identity
        Set<String> identity = Set.copyOf(keys.allIdentity(Identity.canonical(fullName, dateOfBirth)));
        List<DisputeResolution> resolutions =
                inForce.stream().filter(r -> identity.contains(r.identityKey)).toList();
        if (resolutions.isEmpty()) {
            return matches;
        }
        Map<String, DisputeResolution> latest = new HashMap<>();
        for (DisputeResolution r : resolutions) {
            latest.putIfAbsent(r.externalId, r); // newest first
        }
        List<MatchView> standing = new ArrayList<>();
        List<MatchView> cleared = new ArrayList<>();
        for (MatchView match : matches) {
            DisputeResolution r = latest.get(match.externalId());
            if (r == null) {
                standing.add(match);
                continue;
            }
            if (r.decision == DisputeResolution.Decision.SAME_PERSON) {
                standing.add(beside(match, r, true, null));
                continue;
            }
            String setAside = newEvidence(match, r, entries.get(match.externalId()));
            if (setAside != null) {
                standing.add(beside(match, r, false, setAside));
            } else {
                cleared.add(cleared(match, r));
            }
        }
        standing.addAll(cleared);
        return standing;
    }

    /** Why a NOT_SAME_PERSON resolution does not decide this match, or null when it does. */
    private static String newEvidence(MatchView match, DisputeResolution r, RegistryEntry entry) {
        boolean photo = match.explanation().stream()
                .anyMatch(e -> "photo".equals(e.field()) && e.level() != null && !"NO_EVIDENCE".equals(e.level()));
        if (photo) {
            return PHOTO_MATCH;
        }
        String now = entry == null ? null : EntryHash.of(entry);
        if (r.entryHash == null || !r.entryHash.equals(now)) {
            return ENTRY_CHANGED;
        }
        return null;
    }

    private static MatchView beside(MatchView m, DisputeResolution r, boolean applied, String setAside) {
        return new MatchView(
                m.externalId(),
                m.verdict(),
                m.probability(),
                m.matchWeight(),
                m.explanation(),
                m.entry(),
                m.priorReviews(),
                view(r, applied && r.decision == DisputeResolution.Decision.NOT_SAME_PERSON, setAside));
    }

    private static MatchView cleared(MatchView m, DisputeResolution r) {
        List<EvidenceView> explanation = new ArrayList<>();
        explanation.add(new EvidenceView(
                "dispute",
                "RESOLVED_NOT_SAME_PERSON",
                0,
                "resolved dispute " + r.disputeId + " on "
                        + r.resolvedAt.atOffset(ZoneOffset.UTC).toLocalDate() + ": not the same person (" + r.reason
                        + ")"));
        explanation.addAll(m.explanation());
        // the person is not the registered one: the registry entry's details are not theirs to be shown with
        return new MatchView(
                m.externalId(),
                "NO_MATCH",
                m.probability(),
                m.matchWeight(),
                explanation,
                null,
                m.priorReviews(),
                view(r, true, null));
    }

    private static ResolvedDispute view(DisputeResolution r, boolean applied, String setAside) {
        return new ResolvedDispute(r.disputeId, r.decision.name(), r.resolvedAt, r.reason, applied, setAside);
    }
}
