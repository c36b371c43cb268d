package org.qorgau.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.qorgau.audit.AuditCommitter;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditRecord;
import org.qorgau.audit.AuditRecorder;
import org.qorgau.common.CanonicalJson;
import org.qorgau.common.Validation;
import org.qorgau.error.FieldError;
import org.qorgau.error.ServiceUnavailableException;
import org.qorgau.error.TooBroadException;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.Match;
import org.qorgau.matching.Probe;
import org.qorgau.matching.Screening;
import org.qorgau.matching.Verdict;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.screening.api.CheckResponse.AuditRef;
import org.qorgau.screening.api.CheckResponse.EntrySummary;
import org.qorgau.screening.api.CheckResponse.EvidenceView;
import org.qorgau.screening.api.CheckResponse.MatchView;
import org.qorgau.security.Caller;

/**
 * A check: validate, screen against the in-memory index, then store the answer and its audit event in one
 * transaction. The answer is returned only after that transaction committed, so no answer leaves without its record.
 */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    private final AgroalDataSource dataSource;
    private final MatchingIndex index;
    private final AuditLog auditLog;
    private final ObjectMapper json;
    private final ReviewService reviews;
    private final Quotas quotas;
    private final AuditCommitter committer;
    private final Disclosures disclosures;
    private final AuditRecorder recorder;

    public CheckService(
            AgroalDataSource dataSource,
            MatchingIndex index,
            AuditLog auditLog,
            ObjectMapper json,
            ReviewService reviews,
            Quotas quotas,
            AuditCommitter committer,
            Disclosures disclosures,
            AuditRecorder recorder) {
        this.dataSource = dataSource;
        this.index = index;
        this.auditLog = auditLog;
        this.json = json;
        this.reviews = reviews;
        this.quotas = quotas;
        this.committer = committer;
        this.disclosures = disclosures;
        this.recorder = recorder;
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
        Purpose purpose = validate(request, idempotencyKey);
        String requestHash = CanonicalJson.sha256Hex(CanonicalJson.encode(request));
        if (idempotencyKey != null) {
            Optional<Performed> earlier = replay(caller.org(), idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        // a replay above costs nothing; a new check uses the organisation's quota
        quotas.consume(caller, 1);
        RegistrySnapshot snapshot = index.current()
                .orElseThrow(() ->
                        new ServiceUnavailableException("The matching index is still loading; try again shortly."));
        var candidate = request.candidate();
        String photo =
                candidate.photoHash() == null ? null : candidate.photoHash().toLowerCase(Locale.ROOT);
        Screening screening =
                snapshot.matcher().screen(new Probe(candidate.fullName(), candidate.dateOfBirth(), photo));
        UUID checkId = UUID.randomUUID();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Match> reported = screening.matches().stream()
                .filter(m -> m.verdict() != Verdict.NO_MATCH) // data minimisation: nothing below POSSIBLE_MATCH
                .toList();
        if (reported.size() > disclosures.maxEntries()) {
            refuseTooBroad(request, purpose, caller, snapshot, screening, reported.size());
        }
        // a name no person has (padding, repeats) is screened, so a padded registered name is still found, but the
        // answer discloses nothing of the registry
        String withheld = disclosures.implausibleName(candidate.fullName()) ? WITHHELD_IMPLAUSIBLE_NAME : null;
        if (withheld == null) {
            disclosures.disclose(
                    caller, reported.stream().map(Match::externalId).toList());
        }
        List<MatchView> matches = new ArrayList<>();
        Verdict overall = Verdict.NO_MATCH;
        if (!reported.isEmpty()) {
            // read outside the serial group-commit thread: the entries as of the screened version, earlier decisions
            try (Connection connection = dataSource.getConnection()) {
                Map<String, RegistryEntry> entries = index.entriesAt(
                        connection,
                        snapshot.version(),
                        reported.stream().map(Match::externalId).toList());
                for (Match match : reported) {
                    overall = overall.strongest(match.verdict());
                    matches.add(withheld != null ? withheld(match) : view(match, entries.get(match.externalId())));
                }
                matches = reviews.withPriorReviews(
                        connection, caller.org(), candidateKey(candidate.fullName(), candidate.dateOfBirth()), matches);
            } catch (SQLException e) {
                throw new IllegalStateException("matched entries could not be read", e);
            }
        }
        try {
            return new Performed(store(
                    request,
                    purpose,
                    idempotencyKey,
                    requestHash,
                    caller,
                    snapshot,
                    screening,
                    checkId,
                    createdAt,
                    overall,
                    matches,
                    photoUse,
                    withheld));
        } catch (DuplicateKey e) {
            return replay(caller.org(), idempotencyKey, requestHash)
                    .orElseThrow(() -> new IllegalStateException("idempotent replay vanished"));
        }
    }

    private CheckResponse store(
            CheckRequest request,
            Purpose purpose,
            String idempotencyKey,
            String requestHash,
            Caller caller,
            RegistrySnapshot snapshot,
            Screening screening,
            UUID checkId,
            Instant createdAt,
            Verdict overall,
            List<MatchView> matches,
            CheckResponse.PhotoUse photo,
            String withheld) {
        List<MatchView> found = matches;
        try {
            CheckResponse response = committer.execute(connection -> write(
                    connection,
                    request,
                    purpose,
                    idempotencyKey,
                    requestHash,
                    caller,
                    snapshot,
                    checkId,
                    createdAt,
                    overall,
                    found,
                    photo,
                    withheld));
            LOG.debugf("check %s by %s/%s: %s", checkId, caller.org(), caller.subject(), overall);
            return response;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && idempotencyKey != null) {
                throw new DuplicateKey();
            }
            throw new IllegalStateException("check could not be stored", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("check could not be stored", e);
        }
    }

    /** Writes the check and its audit event into {@code connection}'s open transaction. */
    private CheckResponse write(
            Connection connection,
            CheckRequest request,
            Purpose purpose,
            String idempotencyKey,
            String requestHash,
            Caller caller,
            RegistrySnapshot snapshot,
            UUID checkId,
            Instant createdAt,
            Verdict overall,
            List<MatchView> matches,
            CheckResponse.PhotoUse photo,
            String withheld)
            throws SQLException, JsonProcessingException {
        String engineVersion = snapshot.matcher().engineVersion();
        var candidate = request.candidate();
        // the candidate's personal fields go to the redactable side table; the event commits to them
        Map<String, Object> personal = new LinkedHashMap<>();
        personal.put("fullName", candidate.fullName());
        personal.put("dateOfBirth", candidate.dateOfBirth());
        personal.put("photoHash", candidate.photoHash());
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("position", request.position());
        query.put("consentReference", request.consentReference());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("verdict", overall.name());
        outcome.put("engineVersion", engineVersion);
        // what was disclosed, provably and in a few bytes per entry: the ids (their content at registryVersion is in
        // the
        // registry's history) and whether details were withheld; never the entries themselves
        outcome.put(
                "matches",
                matches.stream()
                        .map(m -> Map.of("externalId", m.externalId(), "verdict", m.verdict()))
                        .toList());
        if (withheld != null) {
            outcome.put("entriesWithheld", withheld);
        }
        AuditRecord audit = auditLog.append(
                connection,
                new AuditEventDraft(
                        AuditEventType.CHECK_PERFORMED,
                        caller,
                        purpose.name(),
                        query,
                        outcome,
                        snapshot.version(),
                        checkId,
                        personal));
        CheckResponse response = new CheckResponse(
                checkId,
                createdAt,
                overall.name(),
                snapshot.version(),
                engineVersion,
                matches,
                new AuditRef(audit.sequence(), audit.hash()),
                photo,
                withheld);
        String responseJson = json.writeValueAsString(response);
        AuditCommitter.insert(
                connection,
                "insert into screening_check (check_id,"
                        + " created_at, org, subject, purpose, position, consent_reference, candidate_key, verdict,"
                        + " registry_version, engine_version, response, idempotency_key, request_hash,"
                        + " audit_sequence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
                insert -> {
                    insert.setObject(1, checkId);
                    insert.setTimestamp(2, Timestamp.from(createdAt));
                    insert.setString(3, caller.org());
                    insert.setString(4, caller.subject());
                    insert.setString(5, purpose.name());
                    insert.setString(6, request.position());
                    insert.setString(7, request.consentReference());
                    insert.setString(8, candidateKey(candidate.fullName(), candidate.dateOfBirth()));
                    insert.setString(9, overall.name());
                    insert.setLong(10, snapshot.version());
                    insert.setString(11, engineVersion);
                    insert.setString(12, responseJson);
                    insert.setString(13, idempotencyKey);
                    insert.setString(14, idempotencyKey == null ? null : requestHash);
                    insert.setLong(15, audit.sequence());
                });
        return response;
    }

    private Optional<Performed> replay(String org, String idempotencyKey, String requestHash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select request_hash, response from screening_check where org = ? and idempotency_key = ?")) {
            statement.setString(1, org);
            statement.setString(2, idempotencyKey);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!requestHash.equals(rs.getString(1))) {
                    throw new ValidationException(
                            "Idempotency-Key", "This Idempotency-Key was already used with a different request body.");
                }
                return Optional.of(new Performed(json.readValue(rs.getString(2), CheckResponse.class)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("idempotent replay failed", e);
        }
    }

    /**
     * One check, if the caller may see it: auditors see every check, others only their organisation's. Anything
     * else is indistinguishable from an unknown id.
     */
    public Optional<CheckResponse> find(UUID checkId, Caller caller, boolean allOrganisations) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                CheckResponse found = null;
                String purpose = null;
                try (PreparedStatement statement = connection.prepareStatement(
                        "select response, purpose, org, candidate_key from screening_check where check_id = ?"
                                + (allOrganisations ? "" : " and org = ?"))) {
                    statement.setObject(1, checkId);
                    if (!allOrganisations) {
                        statement.setString(2, caller.org());
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next()) {
                            found = json.readValue(rs.getString(1), CheckResponse.class);
                            purpose = rs.getString(2);
                            // a read shows the organisation's decisions as they are now, this check's own included
                            found = found.withMatches(reviews.withPriorReviews(
                                    connection, rs.getString(3), rs.getString(4), found.matches()));
                        }
                    }
                }
                // an unknown id and another organisation's check are both a refused access to a check
                Map<String, Object> outcome =
                        found != null ? Map.of("found", true) : Map.of("found", false, "status", 404);
                auditLog.append(
                        connection,
                        new AuditEventDraft(
                                found != null ? AuditEventType.CHECK_VIEWED : AuditEventType.ACCESS_REFUSED,
                                caller,
                                purpose,
                                Map.of("checkId", checkId.toString(), "resource", "/v1/checks/" + checkId),
                                outcome,
                                found == null ? null : found.registryVersion(),
                                found == null ? null : checkId));
                connection.commit();
                return Optional.ofNullable(found);
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
                connection.rollback();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("check read failed", e);
        }
    }

    /** Filters of {@link #list}: each null means "any". */
    public record CheckFilter(String org, String subject, String verdict, String purpose, Instant from, Instant to) {}

    /** A position in the newest-first order: the last item's creation time and id. */
    public record CheckCursor(Instant createdAt, UUID checkId) {}

    /** A page of checks, newest first, with the cursor of the next page (null on the last). */
    public record CheckPage(List<CheckResponse> items, CheckCursor next) {}

    /** A page of checks, newest first; non-auditors always see their own organisation only. */
    public CheckPage list(Caller caller, boolean allOrganisations, CheckFilter filter, CheckCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select response, created_at, check_id from screening_check where true");
        List<Object> parameters = new ArrayList<>();
        String org = allOrganisations ? filter.org() : caller.org();
        if (org != null) {
            sql.append(" and org = ?");
            parameters.add(org);
        }
        if (filter.subject() != null) {
            sql.append(" and subject = ?");
            parameters.add(filter.subject());
        }
        if (filter.verdict() != null) {
            sql.append(" and verdict = ?");
            parameters.add(filter.verdict());
        }
        if (filter.purpose() != null) {
            sql.append(" and purpose = ?");
            parameters.add(filter.purpose());
        }
        if (filter.from() != null) {
            sql.append(" and created_at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and created_at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        if (after != null) {
            sql.append(" and (created_at, check_id) < (?, ?)");
            parameters.add(Timestamp.from(after.createdAt()));
            parameters.add(after.checkId());
        }
        sql.append(" order by created_at desc, check_id desc limit ?");
        parameters.add(limit + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<CheckResponse> result = new ArrayList<>();
            CheckCursor next = null;
            try (ResultSet rs = statement.executeQuery()) {
                CheckCursor last = null;
                while (rs.next()) {
                    if (result.size() == limit) {
                        next = last;
                        break;
                    }
                    result.add(json.readValue(rs.getString(1), CheckResponse.class));
                    last = new CheckCursor(rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class));
                }
            }
            return new CheckPage(result, next);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("check list failed", e);
        }
    }

    /** Why a check's answer carries no registry details: its name cannot be a person's name. */
    static final String WITHHELD_IMPLAUSIBLE_NAME = "implausible-name";

    /**
     * Too many entries match for one answer to disclose: the refusal is audited (with the candidate's fields in the
     * redactable side table, so the sweep detector sees it) and answered 422 {@code too-broad}; the quota stays taken.
     */
    private void refuseTooBroad(
            CheckRequest request,
            Purpose purpose,
            Caller caller,
            RegistrySnapshot snapshot,
            Screening screening,
            int matched) {
        var candidate = request.candidate();
        Map<String, Object> personal = new LinkedHashMap<>();
        personal.put("fullName", candidate.fullName());
        personal.put("dateOfBirth", candidate.dateOfBirth());
        personal.put("photoHash", candidate.photoHash());
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("resource", "/v1/checks");
        query.put("reason", TOO_BROAD);
        query.put("position", request.position());
        query.put("consentReference", request.consentReference());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("status", 422);
        outcome.put("reason", TOO_BROAD);
        outcome.put("verdict", screening.verdict().name());
        outcome.put("matched", matched);
        outcome.put("maxEntries", disclosures.maxEntries());
        recorder.record(new AuditEventDraft(
                AuditEventType.ACCESS_REFUSED,
                caller,
                purpose.name(),
                query,
                outcome,
                snapshot.version(),
                null,
                personal));
        throw new TooBroadException(
                "This query matches more registry entries than one answer may disclose ("
                        + disclosures.maxEntries() + "); nothing was disclosed. Screen the candidate with their full"
                        + " date of birth (YYYY-MM-DD) and their name as written on their identity document.",
                disclosures.maxEntries());
    }

    /** The audit reason (query and outcome) of a check refused as too broad to screen. */
    public static final String TOO_BROAD = "too-broad";

    /** A match whose registry details are withheld: the verdict and the evidence levels, no entry, no detail text. */
    private static MatchView withheld(Match match) {
        List<EvidenceView> evidence = match.explanation().stream()
                .map(e -> new EvidenceView(e.field(), e.level(), round(e.weight()), null))
                .toList();
        return new MatchView(
                match.externalId(),
                match.verdict().name(),
                round(match.probability()),
                round(match.matchWeight()),
                evidence,
                null,
                List.of());
    }

    private static MatchView view(Match match, RegistryEntry entry) {
        List<EvidenceView> evidence = match.explanation().stream()
                .map(e -> new EvidenceView(e.field(), e.level(), round(e.weight()), e.detail()))
                .toList();
        EntrySummary summary = entry == null
                ? null
                : new EntrySummary(
                        entry.fullName(),
                        entry.aliases(),
                        entry.dateOfBirth(),
                        entry.region(),
                        entry.offence(),
                        entry.sourceUrl());
        return new MatchView(
                match.externalId(),
                match.verdict().name(),
                round(match.probability()),
                round(match.matchWeight()),
                evidence,
                summary,
                List.of());
    }

    private static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }

    /** Checks the request; returns its purpose. Messages name fields, never echo values. */
    static Purpose validate(CheckRequest request, String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        if (request.candidate() == null) {
            errors.add(FieldError.of("candidate", "candidate is required"));
        } else {
            add(
                    errors,
                    "candidate.fullName",
                    Validation.name(request.candidate().fullName()));
            add(
                    errors,
                    "candidate.dateOfBirth",
                    Validation.partialDate(request.candidate().dateOfBirth()));
            if (request.candidate().photoHash() != null) {
                add(
                        errors,
                        "candidate.photoHash",
                        Validation.photoHash(request.candidate().photoHash()));
            }
        }
        Purpose purpose = null;
        if (request.purpose() == null) {
            errors.add(FieldError.of("purpose", "purpose is required"));
        } else {
            try {
                purpose = Purpose.valueOf(request.purpose());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("purpose", "purpose must be one of " + Arrays.toString(Purpose.values())));
            }
        }
        if (request.consentReference() == null || request.consentReference().isBlank()) {
            errors.add(FieldError.of("consentReference", "consentReference is required"));
        } else {
            add(errors, "consentReference", Validation.optionalText(request.consentReference(), 300));
        }
        add(errors, "position", Validation.optionalText(request.position(), 300));
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            errors.add(FieldError.of("Idempotency-Key", "Idempotency-Key must be 1-200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("The check request is invalid; nothing was screened.", errors);
        }
        return purpose;
    }

    private static void add(List<FieldError> errors, String field, String problem) {
        if (problem != null) {
            errors.add(FieldError.of(field, field + " " + problem));
        }
    }

    /**
     * A stable key of the candidate (normalised name tokens, sorted, and date of birth) that lets an organisation's
     * earlier decisions about the same person be found without storing the name in plain text here.
     */
    public static String candidateKey(String fullName, String dateOfBirth) {
        String normal = Normalizer.normalize(fullName, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .strip();
        String[] tokens = normal.split("[\\s,]+");
        Arrays.sort(tokens);
        return CanonicalJson.sha256Hex(String.join(" ", tokens) + "|" + dateOfBirth);
    }

    private static final class DuplicateKey extends RuntimeException {
        DuplicateKey() {
            super(null, null, false, false);
        }
    }
}
