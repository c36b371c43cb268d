package org.qorgau.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.qorgau.audit.api.AuditEventPage;
import org.qorgau.audit.api.AuditEventView;
import org.qorgau.audit.api.VerifyResult;
import org.qorgau.common.CanonicalJson;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.ValidationException;
import org.qorgau.security.Caller;

/**
 * The auditor's side of the log: selections of events (pages and streamed exports) and verification of the hash
 * chain. Every read is itself recorded as an AUDIT_READ event.
 */
@ApplicationScoped
public class AuditService {

    static final String COLUMNS = "e.sequence, e.event_id, e.occurred_at, e.type, e.actor_subject, e.actor_org,"
            + " e.actor_roles, e.purpose, e.query::text, e.outcome::text, e.registry_version, e.check_id, e.prev_hash,"
            + " e.hash, e.personal_commitment, p.fields::text, p.salt, p.redacted_at";
    static final String FROM = " from audit_event e left join audit_personal p on p.sequence = e.sequence";

    private static final List<String> CSV_HEADER = List.of(
            "sequence",
            "eventId",
            "occurredAt",
            "type",
            "actorSubject",
            "actorOrg",
            "actorRoles",
            "purpose",
            "registryVersion",
            "checkId",
            "verdict",
            "query",
            "outcome",
            "candidate",
            "redacted",
            "personalCommitment",
            "prevHash",
            "hash");

    private final AgroalDataSource dataSource;
    private final AuditRecorder recorder;
    private final Checkpoints checkpoints;
    private final QorgauConfig.Audit config;
    private final ObjectMapper json;

    public AuditService(
            AgroalDataSource dataSource,
            AuditRecorder recorder,
            Checkpoints checkpoints,
            QorgauConfig config,
            ObjectMapper json) {
        this.dataSource = dataSource;
        this.recorder = recorder;
        this.checkpoints = checkpoints;
        this.config = config.audit();
        this.json = json;
    }

    /** Export formats of a selection. */
    public enum Format {
        NDJSON,
        CSV
    }

    /**
     * The candidate's personal fields as the screener sent them, from the check's CHECK_PERFORMED event, for the
     * reviewer's side-by-side view. Empty when the check has no such event; {@code redacted} once retention removed
     * them. The caller must already have been allowed to read the check (and that read audited).
     */
    public Optional<CandidateAsSent> candidateOf(UUID checkId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select p.fields::text, p.redacted_at" + FROM
                        + " where e.check_id = ? and e.type = 'CHECK_PERFORMED' order by e.sequence limit 1")) {
            statement.setObject(1, checkId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String fields = rs.getString(1);
                if (fields == null || rs.getTimestamp(2) != null) {
                    return Optional.of(new CandidateAsSent(true, null, null, null));
                }
                JsonNode node = json.readTree(fields);
                return Optional.of(new CandidateAsSent(
                        false, text(node, "fullName"), text(node, "dateOfBirth"), text(node, "photoHash")));
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("candidate read failed", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A check's candidate as sent; all fields null when redacted. */
    public record CandidateAsSent(boolean redacted, String fullName, String dateOfBirth, String photoHash) {}

    /** One page of the selection, in sequence order. */
    public AuditEventPage page(AuditFilter filter, int limit, Caller caller) {
        if (limit < 1 || limit > config.maxPageSize()) {
            throw new ValidationException("limit", "limit must be between 1 and " + config.maxPageSize());
        }
        List<Object> parameters = AuditFilter.newParameters();
        String sql = "select " + COLUMNS + FROM + filter.where(parameters) + " order by e.sequence limit ?";
        parameters.add(limit + 1);
        List<AuditEventView> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(view(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit read failed", e);
        }
        String next = null;
        if (events.size() > limit) {
            events = events.subList(0, limit);
            next = Long.toString(events.get(limit - 1).sequence());
        }
        recordRead(caller, "events", filter.describe(), Map.of("returned", events.size()));
        return new AuditEventPage(List.copyOf(events), next);
    }

    /**
     * Records the export, then streams the whole selection to {@code out}. Rows come from a server-side cursor
     * ({@code fetchSize}), so memory stays bounded whatever the selection's size.
     */
    public void recordExport(AuditFilter filter, Format format, Caller caller) {
        recordRead(caller, "export", filter.describe(), Map.of("format", format.name()));
    }

    public void export(AuditFilter filter, Format format, OutputStream out) {
        List<Object> parameters = AuditFilter.newParameters();
        String sql = "select " + COLUMNS + FROM + filter.where(parameters) + " order by e.sequence";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(config.fetchSize());
                bind(statement, parameters);
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                if (format == Format.CSV) {
                    csvRow(writer, CSV_HEADER);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        AuditEventView event = view(rs);
                        if (format == Format.CSV) {
                            csvRow(writer, csvCells(event));
                        } else {
                            writer.write(json.writeValueAsString(event));
                            writer.write('\n');
                        }
                    }
                }
                writer.flush();
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit export failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Recomputes the chain from {@code from} (or the given checkpoint) to {@code to} (or the head) and reports the
     * first sequence that does not verify. Checks: sequences are gap-free; each event's prevHash is its
     * predecessor's hash; each stored hash recomputes from the stored columns; unredacted personal fields match
     * their commitment; every signed checkpoint in range agrees with the chain; no checkpoint lies beyond the last
     * event (truncation); and, when verifying to the head, the head row agrees with the last event.
     *
     * @param fromCheckpoint {@code SEQUENCE} of a stored signed checkpoint, or {@code SEQUENCE:HASH} of one the
     *     auditor kept outside the database
     */
    public VerifyResult verify(Long from, Long to, String fromCheckpoint, Caller caller) {
        VerifyResult result = verifyChain(from, to, fromCheckpoint);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from);
        query.put("to", to);
        query.put("fromCheckpoint", fromCheckpoint);
        query.values().removeIf(java.util.Objects::isNull);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("valid", result.valid());
        outcome.put("checked", result.checked());
        outcome.put("brokenAt", result.brokenAt());
        recordRead(caller, "verify", query, outcome);
        return result;
    }

    VerifyResult verifyChain(Long from, Long to, String fromCheckpoint) {
        Long checkpointSequence = null;
        String checkpointHash = null;
        if (fromCheckpoint != null && !fromCheckpoint.isBlank()) {
            String[] parts = fromCheckpoint.strip().split(":", 2);
            try {
                checkpointSequence = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new ValidationException("fromCheckpoint", "fromCheckpoint must be SEQUENCE or SEQUENCE:HASH");
            }
            if (parts.length == 2) {
                checkpointHash = parts[1].toLowerCase(java.util.Locale.ROOT);
                if (!checkpointHash.matches("[0-9a-f]{64}")) {
                    throw new ValidationException("fromCheckpoint", "the checkpoint hash must be 64 hex digits");
                }
            } else {
                Checkpoints.Stored stored = checkpoints
                        .find(checkpointSequence)
                        .orElseThrow(() ->
                                new ValidationException("fromCheckpoint", "no signed checkpoint at this sequence"));
                if (!stored.signatureValid()) {
                    return broken(0, null, null, null, checkpointSequence, "the checkpoint's signature is invalid", 0);
                }
                checkpointHash = stored.hash();
            }
        }
        if (from != null && from < 1) {
            throw new ValidationException("from", "from must be a sequence of at least 1");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // one consistent snapshot of events, head and checkpoints
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                long headSequence;
                String headHashStored;
                try (PreparedStatement statement =
                                connection.prepareStatement("select sequence, hash from audit_head where id = 1");
                        ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    headSequence = rs.getLong(1);
                    headHashStored = rs.getString(2);
                }
                TreeMap<Long, String> known = checkpoints.all(connection);
                if (checkpointSequence != null) {
                    String clash = known.get(checkpointSequence);
                    known.put(checkpointSequence, checkpointHash);
                    if (clash != null && !clash.equals(checkpointHash)) {
                        return broken(
                                0,
                                null,
                                null,
                                null,
                                checkpointSequence,
                                "the given checkpoint contradicts a stored one",
                                0);
                    }
                }
                long start = checkpointSequence != null ? checkpointSequence : from == null ? 1 : from;
                long end = to != null ? to : Math.max(headSequence, known.isEmpty() ? 0 : known.lastKey());
                long checked = 0;
                long expected = start;
                String previousHash = start == 1 ? AuditLog.GENESIS_HASH : null; // null: trust the first row's link
                Long first = null;
                int checkpointsChecked = 0;
                try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS + FROM
                        + " where e.sequence >= ? and e.sequence <= ? order by e.sequence")) {
                    statement.setFetchSize(config.fetchSize());
                    statement.setLong(1, start);
                    statement.setLong(2, end);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            long sequence = rs.getLong(1);
                            if (first == null) {
                                first = sequence;
                            }
                            if (sequence != expected) {
                                return broken(
                                        checked,
                                        first,
                                        expected - 1,
                                        previousHash,
                                        expected,
                                        "event " + expected + " is missing",
                                        checkpointsChecked);
                            }
                            String stored = rs.getString(14);
                            if (previousHash != null && !previousHash.equals(rs.getString(13))) {
                                return broken(
                                        checked,
                                        first,
                                        sequence - 1,
                                        previousHash,
                                        sequence,
                                        "event " + sequence + ": prevHash does not link to the previous event",
                                        checkpointsChecked);
                            }
                            if (!recompute(rs).equals(stored)) {
                                return broken(
                                        checked,
                                        first,
                                        sequence - 1,
                                        previousHash,
                                        sequence,
                                        "event " + sequence + ": stored hash differs from the recomputed hash",
                                        checkpointsChecked);
                            }
                            String commitment = rs.getString(15);
                            String fields = rs.getString(16);
                            if (commitment != null
                                    && fields != null
                                    && !AuditLog.commitment(rs.getString(17), CanonicalJson.encode(fields))
                                            .equals(commitment)) {
                                return broken(
                                        checked,
                                        first,
                                        sequence - 1,
                                        previousHash,
                                        sequence,
                                        "event " + sequence + ": personal fields differ from their commitment",
                                        checkpointsChecked);
                            }
                            String checkpoint = known.get(sequence);
                            if (checkpoint != null) {
                                checkpointsChecked++;
                                if (!checkpoint.equals(stored)) {
                                    return broken(
                                            checked,
                                            first,
                                            sequence - 1,
                                            previousHash,
                                            sequence,
                                            "event " + sequence + " differs from the signed checkpoint",
                                            checkpointsChecked);
                                }
                            }
                            previousHash = stored;
                            checked++;
                            expected = sequence + 1;
                        }
                    }
                }
                long last = expected - 1;
                if (checkpointSequence != null && checked == 0) {
                    return broken(
                            0,
                            null,
                            null,
                            null,
                            checkpointSequence,
                            "the checkpoint's event " + checkpointSequence + " is missing (truncated)",
                            0);
                }
                Long beyond = known.isEmpty() ? null : known.ceilingKey(last + 1);
                if (beyond != null && (to == null || beyond <= to)) {
                    return broken(
                            checked,
                            first,
                            last,
                            previousHash,
                            last + 1,
                            "the chain ends at " + last + " but a signed checkpoint exists at " + beyond
                                    + " (truncated)",
                            checkpointsChecked);
                }
                if (to == null && checked > 0 && (headSequence != last || !headHashStored.equals(previousHash))) {
                    return broken(
                            checked,
                            first,
                            last,
                            previousHash,
                            last + 1,
                            "the head row (" + headSequence + ") does not agree with the last event",
                            checkpointsChecked);
                }
                if (to != null && last < to && to <= headSequence) {
                    return broken(
                            checked,
                            first,
                            last,
                            previousHash,
                            last + 1,
                            "event " + (last + 1) + " is missing",
                            checkpointsChecked);
                }
                return new VerifyResult(
                        true, checked, first, checked == 0 ? null : last, previousHash, null, null, checkpointsChecked);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit verification failed", e);
        }
    }

    private static VerifyResult broken(
            long checked, Long first, Long last, String headHash, long brokenAt, String problem, long checkpoints) {
        return new VerifyResult(false, checked, first, last, headHash, brokenAt, problem, checkpoints);
    }

    private static String recompute(ResultSet rs) throws SQLException {
        return AuditLog.hash(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                (Long) rs.getObject(11),
                rs.getObject(12, UUID.class),
                rs.getString(15),
                rs.getString(13));
    }

    private void recordRead(Caller caller, String operation, Map<String, Object> query, Map<String, Object> outcome) {
        Map<String, Object> q = new LinkedHashMap<>(query);
        q.put("operation", operation);
        Map<String, Object> o = new LinkedHashMap<>(outcome);
        o.values().removeIf(java.util.Objects::isNull);
        recorder.record(new AuditEventDraft(AuditEventType.AUDIT_READ, caller, null, q, o, null, null));
    }

    /** Records an audit read of another kind (checkpoints, usage). */
    public void recordRead(Caller caller, String operation, Map<String, Object> query) {
        recordRead(caller, operation, query, Map.of());
    }

    static AuditEventView view(ResultSet rs) throws SQLException {
        String roles = rs.getString(7);
        String fields = rs.getString(16);
        boolean redacted = rs.getString(15) != null && fields == null;
        return new AuditEventView(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4),
                new AuditEventView.Actor(
                        rs.getString(5),
                        rs.getString(6),
                        roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","))),
                rs.getString(8),
                CanonicalJson.parse(rs.getString(9)),
                CanonicalJson.parse(rs.getString(10)),
                (Long) rs.getObject(11),
                rs.getObject(12, UUID.class),
                fields == null ? null : CanonicalJson.parse(fields),
                redacted,
                rs.getString(15),
                rs.getString(13),
                rs.getString(14));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static List<String> csvCells(AuditEventView e) {
        JsonNode verdict = e.outcome() == null ? null : e.outcome().get("verdict");
        List<String> cells = new ArrayList<>(CSV_HEADER.size());
        cells.add(Long.toString(e.sequence()));
        cells.add(e.eventId().toString());
        cells.add(e.occurredAt().toString());
        cells.add(e.type());
        cells.add(e.actor().subject());
        cells.add(e.actor().org());
        cells.add(String.join(",", e.actor().roles()));
        cells.add(e.purpose());
        cells.add(e.registryVersion() == null ? null : e.registryVersion().toString());
        cells.add(e.checkId() == null ? null : e.checkId().toString());
        cells.add(verdict == null || !verdict.isTextual() ? null : verdict.asText());
        cells.add(CanonicalJson.encode(e.query()));
        cells.add(CanonicalJson.encode(e.outcome()));
        cells.add(e.candidate() == null ? null : CanonicalJson.encode(e.candidate()));
        cells.add(Boolean.toString(e.redacted()));
        cells.add(e.personalCommitment());
        cells.add(e.prevHash());
        cells.add(e.hash());
        return cells;
    }

    private static void csvRow(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(Csv.cell(cells.get(i)));
        }
        writer.write("\r\n");
    }
}
