package org.qorgau.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qorgau.audit.api.AuditEventPage;
import org.qorgau.audit.api.AuditEventView;
import org.qorgau.audit.api.VerifyResult;
import org.qorgau.config.AuditConfig;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.ValidationException;
import org.qorgau.security.Caller;

/**
 * The auditor's side of the log: selections of events (pages and streamed exports) and verification of the hash
 * chain. Every read is itself recorded as an AUDIT_READ event.
 */
@ApplicationScoped
public class AuditService {

    private final AuditEventStore store;
    private final AuditVerifier verifier;
    private final AuditRecorder recorder;
    private final AuditConfig config;
    private final ObjectMapper json;

    public AuditService(
            AuditEventStore store,
            AuditVerifier verifier,
            AuditRecorder recorder,
            QorgauConfig config,
            ObjectMapper json) {
        this.store = store;
        this.verifier = verifier;
        this.recorder = recorder;
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
        return store.personalOfCheck(checkId).map(row -> {
            if (row.redacted()) {
                return new CandidateAsSent(true, null, null, null);
            }
            try {
                JsonNode node = json.readTree(row.fields());
                return new CandidateAsSent(
                        false, text(node, "fullName"), text(node, "dateOfBirth"), text(node, "photoHash"));
            } catch (IOException e) {
                throw new IllegalStateException("candidate read failed", e);
            }
        });
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
        List<AuditEventView> events = store.select(filter, limit + 1);
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
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        AuditExport export = new AuditExport(format, writer, json);
        try {
            export.begin();
            store.stream(filter, config.fetchSize(), export);
            writer.flush();
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
        return verifier.verifyChain(from, to, fromCheckpoint);
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
}
