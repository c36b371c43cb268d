package org.qorgau.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.qorgau.audit.PersonalFields;
import org.qorgau.common.BackgroundWork;
import org.qorgau.config.QorgauConfig;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.security.CandidateKeys;

/**
 * Check records as the person checked and their advocates see them: the one way other capabilities (subject access,
 * disputes) read {@code screening_check}, and the place its retention and candidate-key re-keying happen. Nothing here
 * returns staff names.
 */
@ApplicationScoped
public class SubjectChecks {

    /** Prefix of a candidate key that retention replaced: it links the row to nothing. */
    static final String FORGOTTEN = "forgotten:";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final PersonalFields personal;
    private final CandidateKeys keys;
    private final Duration retention;
    private final BackgroundWork work;

    public SubjectChecks(
            AgroalDataSource dataSource,
            ObjectMapper json,
            PersonalFields personal,
            CandidateKeys keys,
            QorgauConfig config,
            BackgroundWork work) {
        this.dataSource = dataSource;
        this.work = work;
        this.json = json;
        this.personal = personal;
        this.keys = keys;
        this.retention = config.audit().retention();
    }

    /**
     * With the audit's retention sweep: forget whom the checks past retention were about, then re-key the candidate
     * keys made with a retired key (or before keyed hashing) in batches.
     */
    @Scheduled(
            every = "${qorgau.audit.retention-sweep:1h}",
            delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        work.run(this::sweepOnce);
    }

    private void sweepOnce() {
        try {
            int forgotten = forgetCandidatesBefore(Instant.now().minus(retention));
            int rekeyed = 0;
            for (int batch = rekey(REKEY_BATCH);
                    batch > 0 && rekeyed < REKEY_PER_SWEEP && !work.stopping();
                    batch = rekey(REKEY_BATCH)) {
                rekeyed += batch;
            }
            if (forgotten + rekeyed > 0) {
                LOG.infof("Check records: %d past retention forgotten, %d candidate keys re-keyed", forgotten, rekeyed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Check record retention failed: %s", e.getClass().getSimpleName());
        }
    }

    private static final int REKEY_BATCH = 500;
    private static final int REKEY_PER_SWEEP = 200_000;
    private static final Logger LOG = Logger.getLogger(SubjectChecks.class);

    /** One matched entry of a check, with the decision a reviewer recorded on this check, if any. */
    public record MatchedEntry(String externalId, String verdict, String decision, Instant decidedAt) {}

    /** A check as its subject may learn of it: who (organisation, never staff), when, why, what came of it. */
    public record SubjectCheck(
            UUID checkId,
            String org,
            Instant createdAt,
            String purpose,
            String verdict,
            boolean humanDecided,
            List<MatchedEntry> matches) {}

    /** The checks with these ids, oldest first; unknown ids are skipped. */
    public List<SubjectCheck> byIds(Collection<UUID> checkIds) {
        if (checkIds.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<UUID, Map<String, MatchedEntry>> decisions = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("select check_id, external_id, decision,"
                    + " created_at from check_review where check_id = any(?) order by created_at, review_id")) {
                statement.setArray(1, connection.createArrayOf("uuid", checkIds.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        // the latest decision on this check per entry
                        decisions
                                .computeIfAbsent(rs.getObject("check_id", UUID.class), k -> new HashMap<>())
                                .put(
                                        rs.getString("external_id"),
                                        new MatchedEntry(
                                                rs.getString("external_id"),
                                                null,
                                                rs.getString("decision"),
                                                rs.getTimestamp("created_at").toInstant()));
                    }
                }
            }
            List<SubjectCheck> result = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "select check_id, org, created_at, purpose,"
                            + " verdict, response from screening_check where check_id = any(?) order by created_at, check_id")) {
                statement.setArray(1, connection.createArrayOf("uuid", checkIds.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        UUID checkId = rs.getObject("check_id", UUID.class);
                        CheckResponse response = json.readValue(rs.getString("response"), CheckResponse.class);
                        Map<String, MatchedEntry> decided = decisions.getOrDefault(checkId, Map.of());
                        List<MatchedEntry> matches = response.matches().stream()
                                .map(m -> {
                                    MatchedEntry d = decided.get(m.externalId());
                                    return new MatchedEntry(
                                            m.externalId(),
                                            m.verdict(),
                                            d == null ? null : d.decision(),
                                            d == null ? null : d.decidedAt());
                                })
                                .toList();
                        result.add(new SubjectCheck(
                                checkId,
                                rs.getString("org"),
                                rs.getTimestamp("created_at").toInstant(),
                                rs.getString("purpose"),
                                rs.getString("verdict"),
                                !decided.isEmpty(),
                                matches));
                    }
                }
            }
            return result;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("checks could not be read", e);
        }
    }

    /** One check, whichever organisation ran it. */
    public Optional<SubjectCheck> find(UUID checkId) {
        return byIds(List.of(checkId)).stream().findFirst();
    }

    /**
     * Retention of check records: the candidate key of every check created before {@code cutoff} (and of the reviews
     * of those checks) is replaced by a value that links it to nothing, so the rows still prove that a check ran but no
     * longer say about whom. Returns how many checks were forgotten.
     */
    public int forgetCandidatesBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement reviews = connection.prepareStatement("update check_review r set candidate_key ="
                        + " ? || r.review_id::text from screening_check c where c.check_id = r.check_id"
                        + " and c.created_at < ? and r.candidate_key not like ?")) {
                    reviews.setString(1, FORGOTTEN);
                    reviews.setTimestamp(2, Timestamp.from(cutoff));
                    reviews.setString(3, FORGOTTEN + "%");
                    reviews.executeUpdate();
                }
                int forgotten;
                try (PreparedStatement checks = connection.prepareStatement("update screening_check set candidate_key ="
                        + " ? || check_id::text where created_at < ? and candidate_key not like ?")) {
                    checks.setString(1, FORGOTTEN);
                    checks.setTimestamp(2, Timestamp.from(cutoff));
                    checks.setString(3, FORGOTTEN + "%");
                    forgotten = checks.executeUpdate();
                }
                connection.commit();
                return forgotten;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("check retention failed", e);
        }
    }

    /**
     * Re-keys up to {@code limit} checks whose candidate key was made with another key than the current one (or before
     * keyed hashing), and their reviews, from the audit's personal fields. A check whose personal fields are already
     * redacted is forgotten instead. Returns how many checks were re-keyed or forgotten (0: nothing left to do).
     */
    public int rekey(int limit) {
        String current = keys.currentId() + ":";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<UUID> stale = new ArrayList<>();
                try (PreparedStatement statement = connection.prepareStatement("select check_id from screening_check"
                        + " where candidate_key not like ? and candidate_key not like ? order by created_at limit ?"
                        + " for update skip locked")) {
                    statement.setString(1, current.replace("_", "\\_") + "%");
                    statement.setString(2, FORGOTTEN + "%");
                    statement.setInt(3, limit);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            stale.add(rs.getObject("check_id", UUID.class));
                        }
                    }
                }
                Map<UUID, PersonalFields.Candidate> candidates = personal.ofChecks(stale);
                try (PreparedStatement check = connection.prepareStatement(
                                "update screening_check set candidate_key = ? where check_id = ?");
                        PreparedStatement review = connection.prepareStatement(
                                "update check_review set candidate_key = ? where check_id = ?")) {
                    for (UUID checkId : stale) {
                        PersonalFields.Candidate c = candidates.get(checkId);
                        String key = c == null ? FORGOTTEN + checkId : keys.candidate(c.fullName(), c.dateOfBirth());
                        check.setString(1, key);
                        check.setObject(2, checkId);
                        check.addBatch();
                        review.setString(1, c == null ? FORGOTTEN + checkId : key);
                        review.setObject(2, checkId);
                        review.addBatch();
                    }
                    check.executeBatch();
                    review.executeBatch();
                }
                connection.commit();
                return stale.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("candidate keys could not be re-keyed", e);
        }
    }
}
