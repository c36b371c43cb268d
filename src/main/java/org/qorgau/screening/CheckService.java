package org.qorgau.screening;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.qorgau.audit.AuditCommitter;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditRecord;
import org.qorgau.audit.AuditedWrite;
import org.qorgau.common.Purpose;
import org.qorgau.error.ServiceUnavailableException;
import org.qorgau.matching.Match;
import org.qorgau.matching.Probe;
import org.qorgau.matching.Screening;
import org.qorgau.matching.Verdict;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.security.Caller;
import org.qorgau.security.CandidateKeys;

/**
 * A check, as a pipeline: the validated request ({@link CheckValidation}) is screened against the in-memory index (the
 * engine is pure), the disclosure rules shape what may be answered ({@link Disclosures}), the result becomes a stored
 * check ({@link CheckRecords}) whose row is written with its audit event by the group commit ({@link AuditCommitter}),
 * and only then is the view ({@link CheckViews}) returned: no answer leaves without its record.
 */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    /** Why a check's answer carries no registry details: its name cannot be a person's name. */
    static final String WITHHELD_IMPLAUSIBLE_NAME = "implausible-name";

    /** The audit reason (query and outcome) of a check refused as too broad to screen. */
    public static final String TOO_BROAD = "too-broad";

    private final AgroalDataSource dataSource;
    private final MatchingIndex index;
    private final AuditLog auditLog;
    private final ReviewService reviews;
    private final Quotas quotas;
    private final AuditCommitter committer;
    private final Disclosures disclosures;
    private final CheckStore store;
    private final CheckEvents events;
    private final CandidateKeys candidateKeys;
    private final CheckRecords records;

    public CheckService(
            AgroalDataSource dataSource,
            MatchingIndex index,
            AuditLog auditLog,
            ReviewService reviews,
            Quotas quotas,
            AuditCommitter committer,
            Disclosures disclosures,
            CheckStore store,
            CheckEvents events,
            CandidateKeys candidateKeys,
            CheckRecords records) {
        this.candidateKeys = candidateKeys;
        this.records = records;
        this.dataSource = dataSource;
        this.index = index;
        this.auditLog = auditLog;
        this.reviews = reviews;
        this.quotas = quotas;
        this.committer = committer;
        this.disclosures = disclosures;
        this.store = store;
        this.events = events;
    }

    /** The outcome of {@link #perform}: the answer (an idempotent replay answers the earlier one). */
    public record Performed(CheckResponse response) {}

    public Performed perform(CheckRequest request, String idempotencyKey, Caller caller) {
        return perform(request, idempotencyKey, caller, null);
    }

    /**
     * A check whose candidate photo hash was computed here from an uploaded photo; {@code photo} says what became of
     * it (a hash of low quality is not used as evidence) and is part of the stored answer.
     */
    public Performed perform(
            CheckRequest request, String idempotencyKey, Caller caller, CheckResponse.PhotoUse photoUse) {
        Purpose purpose = CheckValidation.validate(request, idempotencyKey);
        // the request's canonical hash only matters under an Idempotency-Key (it is stored for none other)
        String requestHash = idempotencyKey == null ? null : Idempotency.requestHash(request);
        Optional<Performed> earlier = replay(caller.org(), idempotencyKey, requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        // a replay above costs nothing; a new check uses the organisation's quota
        quotas.consume(caller, 1);
        RegistrySnapshot snapshot = index.current()
                .orElseThrow(() ->
                        new ServiceUnavailableException("The matching index is still loading; try again shortly."));
        var candidate = request.candidate();
        String photo =
                candidate.photoHash() == null ? null : candidate.photoHash().toLowerCase(Locale.ROOT);
        // screened for at most the entries one answer may disclose: a broader query is refused whatever the rest, so
        // the engine may stop looking once it has found one entry more than that
        Screening screening = snapshot.screen(
                new Probe(candidate.fullName(), candidate.dateOfBirth(), photo), disclosures.maxEntries());
        List<Match> reported = screening.matches().stream()
                .filter(m -> m.verdict() != Verdict.NO_MATCH) // data minimisation: nothing below POSSIBLE_MATCH
                .toList();
        if (reported.size() > disclosures.maxEntries()) {
            events.refuseTooBroad(request, purpose, caller, snapshot.version(), screening, reported.size());
        }
        // a name no person has (padding, repeats) is screened, so a padded registered name is still found, but the
        // answer discloses nothing of the registry
        String withheld = disclosures.implausibleName(candidate.fullName()) ? WITHHELD_IMPLAUSIBLE_NAME : null;
        List<AuditedWrite.Row> disclosed = withheld == null
                ? disclosures.disclose(
                        caller, reported.stream().map(Match::externalId).toList())
                : List.of();
        CheckRecords.Recorded recorded = records.record(
                request, purpose, idempotencyKey, requestHash, caller, snapshot, reported, photoUse, withheld);
        return new Performed(
                write(recorded.check(), request, caller, idempotencyKey, requestHash, disclosed, recorded.priors()));
    }

    /**
     * Writes the check with its audit event and the rows recording what it disclosed, if they are not recorded yet
     * (group commit); the view once all are durable, with the organisation's earlier decisions ({@code priors}, read
     * with the matched entries) attached.
     */
    private CheckResponse write(
            StoredCheck check,
            CheckRequest request,
            Caller caller,
            String idempotencyKey,
            String requestHash,
            List<AuditedWrite.Row> disclosed,
            List<ReviewStore.Prior> priors) {
        List<AuditedWrite.Row> rows = new ArrayList<>(1 + disclosed.size());
        rows.add(store.insert(check));
        rows.addAll(disclosed);
        AuditRecord audit;
        try {
            audit = committer.commit(new AuditedWrite(events.performed(check, request, caller), rows));
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && idempotencyKey != null) {
                // a concurrent twin with the same key committed first: answer what it stored
                return replay(caller.org(), idempotencyKey, requestHash)
                        .orElseThrow(() -> new IllegalStateException("idempotent replay vanished"))
                        .response();
            }
            throw new IllegalStateException("check could not be stored", e);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("check %s by %s/%s: %s", check.checkId(), caller.org(), caller.subject(), check.verdict());
        }
        CheckResponse view = CheckViews.view(check.writtenAt(audit.sequence(), audit.hash()));
        if (view.matches().isEmpty() || priors.isEmpty()) {
            return view;
        }
        try {
            return view.withMatches(reviews.withPriorReviews(priors, view.matches()));
        } catch (SQLException e) {
            throw new IllegalStateException("earlier reviews could not be read", e);
        }
    }

    /** The check's view with the organisation's earlier decisions about this candidate attached to its matches. */
    private CheckResponse withPriorReviews(StoredCheck check) {
        CheckResponse view = CheckViews.view(check);
        if (view.matches().isEmpty()) {
            return view;
        }
        try (Connection connection = dataSource.getConnection()) {
            return view.withMatches(
                    reviews.withPriorReviews(connection, check.org(), check.candidateKey(), view.matches()));
        } catch (SQLException e) {
            throw new IllegalStateException("earlier reviews could not be read", e);
        }
    }

    private Optional<Performed> replay(String org, String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        Optional<Idempotency.Stored<StoredCheck>> stored = store.byIdempotencyKey(org, idempotencyKey)
                .map(check -> new Idempotency.Stored<>(check.requestHash(), check));
        return Idempotency.replay(Idempotency.Kind.CHECK, stored, requestHash)
                .map(check -> new Performed(withPriorReviews(check)));
    }

    /**
     * One check, if the caller may see it: auditors see every check, others only their organisation's. Anything
     * else is indistinguishable from an unknown id.
     */
    public Optional<CheckResponse> find(UUID checkId, Caller caller, boolean allOrganisations) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<StoredCheck> check = store.find(connection, checkId, allOrganisations ? null : caller.org());
                CheckResponse found = null;
                if (check.isPresent()) {
                    // a read shows the organisation's decisions as they are now, this check's own included
                    found = CheckViews.view(check.get());
                    found = found.withMatches(reviews.withPriorReviews(
                            connection, check.get().org(), check.get().candidateKey(), found.matches()));
                }
                auditLog.append(connection, events.read(checkId, caller, check.orElse(null)));
                connection.commit();
                return Optional.ofNullable(found);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("check read failed", e);
        }
    }

    /** Filters of {@link #list}: each null means "any". */
    public record CheckFilter(String org, String subject, Verdict verdict, Purpose purpose, Instant from, Instant to) {}

    /** A position in the newest-first order: the last item's creation time and id. */
    public record CheckCursor(Instant createdAt, UUID checkId) {}

    /** A page of checks, newest first, with the cursor of the next page (null on the last). */
    public record CheckPage(List<CheckResponse> items, CheckCursor next) {}

    /** A page of checks, newest first; non-auditors always see their own organisation only. */
    public CheckPage list(Caller caller, boolean allOrganisations, CheckFilter filter, CheckCursor after, int limit) {
        CheckStore.Filter where = new CheckStore.Filter(
                allOrganisations ? filter.org() : caller.org(),
                filter.subject(),
                filter.verdict() == null ? null : filter.verdict().name(),
                filter.purpose() == null ? null : filter.purpose().name(),
                filter.from(),
                filter.to());
        List<StoredCheck> rows = store.list(
                where, after == null ? null : new CheckStore.Cursor(after.createdAt(), after.checkId()), limit);
        List<CheckResponse> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++) {
            items.add(CheckViews.view(rows.get(i)));
        }
        CheckCursor next = null;
        if (rows.size() > limit) {
            StoredCheck last = rows.get(limit - 1);
            next = new CheckCursor(last.createdAt(), last.checkId());
        }
        return new CheckPage(items, next);
    }

    /**
     * A stable key of the candidate (normalised name tokens, sorted, and date of birth) that lets an organisation's
     * earlier decisions about the same person be found without storing the name here: a keyed hash under the server's
     * candidate key ({@link CandidateKeys}), never a plain hash anyone could reverse by guessing.
     */
    public String candidateKey(String fullName, String dateOfBirth) {
        return candidateKeys.candidate(fullName, dateOfBirth);
    }
}
