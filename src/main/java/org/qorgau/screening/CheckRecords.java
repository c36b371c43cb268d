package org.qorgau.screening;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qorgau.common.Purpose;
import org.qorgau.common.TimeOrderedIds;
import org.qorgau.matching.Match;
import org.qorgau.matching.Verdict;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.security.Caller;
import org.qorgau.security.CandidateKeys;

/**
 * The step of a check between screening and writing ({@link CheckService}): what the engine reported and the
 * disclosure rules let through becomes the {@link StoredCheck} to write, with the matched entries as of the screened
 * registry version, resolved disputes applied ({@link ClearedEntries}), and the candidate kept only as its keyed hash.
 */
@ApplicationScoped
class CheckRecords {

    private final MatchingIndex index;
    private final ClearedEntries clearedEntries;
    private final CandidateKeys candidateKeys;

    CheckRecords(MatchingIndex index, ClearedEntries clearedEntries, CandidateKeys candidateKeys) {
        this.index = index;
        this.clearedEntries = clearedEntries;
        this.candidateKeys = candidateKeys;
    }

    /** The check to store: the disclosed matches with the entries as of the screened version. */
    StoredCheck record(
            CheckRequest request,
            Purpose purpose,
            String idempotencyKey,
            String requestHash,
            Caller caller,
            RegistrySnapshot snapshot,
            List<Match> reported,
            CheckResponse.PhotoUse photoUse,
            String withheld) {
        Verdict overall = Verdict.NO_MATCH;
        List<StoredCheck.Match> matches = new ArrayList<>(reported.size());
        var candidate = request.candidate();
        if (!reported.isEmpty()) {
            Map<String, RegistryEntry> entries = withheld != null ? Map.of() : entriesAt(snapshot, reported);
            for (Match match : reported) {
                overall = overall.strongest(match.verdict());
                matches.add(
                        withheld != null
                                ? CheckViews.withheld(match)
                                : CheckViews.stored(match, entries.get(match.externalId())));
            }
            if (withheld == null) {
                // resolved disputes (the registry authority's, about this person, from any organisation's check) may
                // clear an entry; the overall verdict is then the strongest remaining match's
                matches = CheckViews.resolved(clearedEntries.apply(
                        candidate.fullName(), candidate.dateOfBirth(), CheckViews.views(matches), entries));
                overall = matches.stream().map(StoredCheck.Match::verdict).reduce(Verdict.NO_MATCH, Verdict::strongest);
            }
        }
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID checkId = TimeOrderedIds.at(createdAt);
        String engineVersion = snapshot.engineVersion();
        StoredCheck.Answer answer = new StoredCheck.Answer(
                checkId,
                createdAt,
                overall,
                snapshot.version(),
                engineVersion,
                matches,
                CheckViews.stored(photoUse),
                withheld,
                null);
        return new StoredCheck(
                checkId,
                createdAt,
                caller.org(),
                caller.subject(),
                purpose,
                request.position(),
                request.consentReference(),
                candidateKeys.candidate(candidate.fullName(), candidate.dateOfBirth()),
                overall,
                snapshot.version(),
                engineVersion,
                answer,
                idempotencyKey,
                idempotencyKey == null ? null : requestHash,
                0,
                null);
    }

    // read outside the serial group-commit thread: the entries as of the screened version
    private Map<String, RegistryEntry> entriesAt(RegistrySnapshot snapshot, List<Match> reported) {
        try {
            return index.entriesAt(
                    snapshot.version(), reported.stream().map(Match::externalId).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("matched entries could not be read", e);
        }
    }
}
