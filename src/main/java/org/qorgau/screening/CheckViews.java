package org.qorgau.screening;

import java.util.List;
import org.qorgau.matching.Match;
import org.qorgau.matching.Verdict;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.screening.api.CheckResponse.AuditRef;
import org.qorgau.screening.api.CheckResponse.EntrySummary;
import org.qorgau.screening.api.CheckResponse.EvidenceView;
import org.qorgau.screening.api.CheckResponse.MatchView;
import org.qorgau.screening.api.CheckResponse.ResolvedDispute;

/** Maps between the engine's matches, the stored answer ({@link StoredCheck}) and the API view. */
final class CheckViews {

    private CheckViews() {}

    /** A disclosed match with the entry's details as of the screened version ({@code entry} null: none known). */
    static StoredCheck.Match stored(Match match, RegistryEntry entry) {
        List<StoredCheck.Evidence> evidence = match.explanation().stream()
                .map(e -> new StoredCheck.Evidence(e.field(), e.level(), round(e.weight()), e.detail()))
                .toList();
        StoredCheck.Entry summary = entry == null
                ? null
                : new StoredCheck.Entry(
                        entry.fullName(),
                        entry.aliases(),
                        entry.dateOfBirth(),
                        entry.region(),
                        entry.offence(),
                        entry.sourceUrl());
        return new StoredCheck.Match(
                match.externalId(),
                match.verdict(),
                round(match.probability()),
                round(match.matchWeight()),
                evidence,
                summary,
                null);
    }

    /** A match whose registry details are withheld: the verdict and the evidence levels, no entry, no detail text. */
    static StoredCheck.Match withheld(Match match) {
        List<StoredCheck.Evidence> evidence = match.explanation().stream()
                .map(e -> new StoredCheck.Evidence(e.field(), e.level(), round(e.weight()), null))
                .toList();
        return new StoredCheck.Match(
                match.externalId(),
                match.verdict(),
                round(match.probability()),
                round(match.matchWeight()),
                evidence,
                null,
                null);
    }

    static StoredCheck.Photo stored(CheckResponse.PhotoUse photo) {
        return photo == null ? null : new StoredCheck.Photo(photo.quality(), photo.usedAsEvidence(), photo.detail());
    }

    /** The API view of a stored check (prior reviews are attached by the caller, as of the time of the read). */
    static CheckResponse view(StoredCheck check) {
        StoredCheck.Answer answer = check.answer();
        AuditRef audit = check.auditHash() != null
                ? new AuditRef(check.auditSequence(), check.auditHash())
                : answer.audit() == null
                        ? null
                        : new AuditRef(answer.audit().sequence(), answer.audit().hash());
        StoredCheck.Photo photo = answer.photo();
        return new CheckResponse(
                check.checkId(),
                answer.createdAt() != null ? answer.createdAt() : check.createdAt(),
                check.verdict().name(),
                check.registryVersion(),
                check.engineVersion(),
                answer.matches().stream().map(CheckViews::view).toList(),
                audit,
                photo == null
                        ? null
                        : new CheckResponse.PhotoUse(photo.quality(), photo.usedAsEvidence(), photo.detail()),
                answer.entriesWithheld());
    }

    /** The API views of stored matches, without prior reviews. */
    static List<MatchView> views(List<StoredCheck.Match> matches) {
        return matches.stream().map(CheckViews::view).toList();
    }

    /** Matches as decided by resolutions of disputes ({@link ClearedEntries}), back in their stored form. */
    static List<StoredCheck.Match> resolved(List<MatchView> views) {
        return views.stream().map(CheckViews::stored).toList();
    }

    private static StoredCheck.Match stored(MatchView view) {
        EntrySummary entry = view.entry();
        ResolvedDispute r = view.resolvedDispute();
        return new StoredCheck.Match(
                view.externalId(),
                Verdict.valueOf(view.verdict()),
                view.probability(),
                view.matchWeight(),
                view.explanation().stream()
                        .map(e -> new StoredCheck.Evidence(e.field(), e.level(), e.weight(), e.detail()))
                        .toList(),
                entry == null
                        ? null
                        : new StoredCheck.Entry(
                                entry.fullName(),
                                entry.aliases(),
                                entry.dateOfBirth(),
                                entry.region(),
                                entry.offence(),
                                entry.sourceUrl()),
                r == null
                        ? null
                        : new StoredCheck.Resolution(
                                r.disputeId(),
                                r.decision(),
                                r.resolvedAt(),
                                r.reason(),
                                r.applied(),
                                r.setAsideBecause()));
    }

    private static MatchView view(StoredCheck.Match match) {
        StoredCheck.Entry entry = match.entry();
        return new MatchView(
                match.externalId(),
                match.verdict().name(),
                match.probability(),
                match.matchWeight(),
                match.explanation() == null
                        ? List.of()
                        : match.explanation().stream()
                                .map(e -> new EvidenceView(e.field(), e.level(), e.weight(), e.detail()))
                                .toList(),
                entry == null
                        ? null
                        : new EntrySummary(
                                entry.fullName(),
                                entry.aliases(),
                                entry.dateOfBirth(),
                                entry.region(),
                                entry.offence(),
                                entry.sourceUrl()),
                List.of(),
                match.resolvedDispute() == null ? null : view(match.resolvedDispute()));
    }

    private static ResolvedDispute view(StoredCheck.Resolution r) {
        return new ResolvedDispute(
                r.disputeId(), r.decision(), r.resolvedAt(), r.reason(), r.applied(), r.setAsideBecause());
    }

    private static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }
}
