package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qorgau.common.Purpose;
import org.qorgau.common.Reads;
import org.qorgau.common.TimeOrderedIds;
import org.qorgau.matching.Match;
import org.qorgau.matching.Verdict;
import org.qorgau.registry.RegistryReader;
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

    private final AgroalDataSource dataSource;
    private final RegistryReader registry;
    private final ClearedEntries clearedEntries;
    private final ReviewService reviews;
    private final CandidateKeys candidateKeys;

    CheckRecords(
            AgroalDataSource dataSource,
            RegistryReader registry,
            ClearedEntries clearedEntries,
            ReviewService reviews,
            CandidateKeys candidateKeys) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.clearedEntries = clearedEntries;
        this.reviews = reviews;
        this.candidateKeys = candidateKeys;
    }

    /**
     * A check to store, with the organisation's earlier decisions about its candidate (none when nothing matched), to
     * attach to its answer ({@link ReviewService#withPriorReviews(List, List)}).
     */
    record Recorded(StoredCheck check, List<ReviewStore.Prior> priors) {}

    /**
     * The check to store: the disclosed matches with the entries as of the screened version. A check that matched reads
     * those entries, the dispute resolutions about them and its organisation's earlier decisions about the candidate
     * in one round trip ({@link Reads}).
     */
    Recorded record(
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
        String candidateKey = candidateKeys.candidate(candidate.fullName(), candidate.dateOfBirth());
        List<ReviewStore.Prior> priors = List.of();
        if (!reported.isEmpty()) {
            List<String> ids = reported.stream().map(Match::externalId).toList();
            Reads.Read<List<ReviewStore.Prior>> priorsRead = reviews.priorsRead(caller.org(), candidateKey);
            Map<String, RegistryEntry> entries = Map.of();
            ClearedEntries.Clearing clearing = null;
            if (withheld != null) {
                read(priorsRead);
            } else {
                Reads.Read<Map<String, RegistryEntry>> entriesRead = registry.entriesAt(snapshot.version(), ids);
                Reads.Read<ClearedEntries.Clearing> clearingRead =
                        clearedEntries.read(candidate.fullName(), candidate.dateOfBirth(), ids);
                read(entriesRead, clearingRead, priorsRead);
                entries = entriesRead.result();
                clearing = clearingRead.result();
            }
            priors = priorsRead.result();
            for (Match match : reported) {
                overall = overall.strongest(match.verdict());
                matches.add(
                        withheld != null
                                ? CheckViews.withheld(match)
                                : CheckViews.stored(match, entries.get(match.externalId())));
            }
            if (clearing != null) {
                // resolved disputes (the registry authority's, about this person, from any organisation's check) may
                // clear an entry; the overall verdict is then the strongest remaining match's
                matches = CheckViews.resolved(clearing.apply(CheckViews.views(matches), entries));
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
        StoredCheck check = new StoredCheck(
                checkId,
                createdAt,
                caller.org(),
                caller.subject(),
                purpose,
                request.position(),
                request.consentReference(),
                candidateKey,
                overall,
                snapshot.version(),
                engineVersion,
                answer,
                idempotencyKey,
                idempotencyKey == null ? null : requestHash,
                0,
                null);
        return new Recorded(check, priors);
    }

    // read outside the serial group-commit thread, before the check is written
    private void read(Reads.Read<?>... reads) {
        try (Connection connection = dataSource.getConnection()) {
            Reads.run(connection, reads);
        } catch (SQLException e) {
            throw new IllegalStateException("matched entries could not be read", e);
        }
    }
}
