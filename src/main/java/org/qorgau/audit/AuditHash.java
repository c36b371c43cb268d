package org.qorgau.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.qorgau.common.CanonicalJson;

/**
 * What the audit chain's hashes are computed over: an event's fields in canonical JSON ({@link CanonicalJson}), and the
 * salted commitment to its personal fields. The log computes them when it places an event; the verifier recomputes them
 * from the stored rows.
 */
public final class AuditHash {

    private AuditHash() {}

    /**
     * The commitment to an event's personal fields: SHA-256 of {@code salt + ":" + canonicalFields}. The random salt
     * keeps a redacted event from being re-identified by hashing guessed names and birth dates.
     */
    public static String commitment(String salt, String canonicalFields) {
        return CanonicalJson.sha256Hex(salt + ":" + canonicalFields);
    }

    /**
     * Every field an event's hash covers, the query and outcome as JSON text ({@code personalCommitment} null for an
     * event without personal fields).
     */
    public record Fields(
            long sequence,
            UUID eventId,
            Instant occurredAt,
            String type,
            String actorSubject,
            String actorOrg,
            String actorRoles,
            String purpose,
            String query,
            String outcome,
            Long registryVersion,
            UUID checkId,
            String personalCommitment,
            String prevHash) {

        /** The same fields with the query and outcome in canonical form, whatever their key order and spacing. */
        Fields canonical() {
            return new Fields(
                    sequence,
                    eventId,
                    occurredAt,
                    type,
                    actorSubject,
                    actorOrg,
                    actorRoles,
                    purpose,
                    query == null ? "null" : CanonicalJson.encode(query),
                    outcome == null ? "null" : CanonicalJson.encode(outcome),
                    registryVersion,
                    checkId,
                    personalCommitment,
                    prevHash);
        }
    }

    /**
     * The hash of one event: SHA-256 over the canonical JSON of all its fields, including the previous hash. The
     * verifier calls this with the values read back from the table, whose query and outcome PostgreSQL's {@code jsonb}
     * orders and spaces its own way.
     */
    public static String of(Fields stored) {
        return ofCanonical(stored.canonical());
    }

    /**
     * As {@link #of}, with the query and outcome already canonical ({@link CanonicalJson#encode}): the fields are
     * written in the canonical form's key order, the two canonical texts as they are. The same bytes as encoding a map
     * of all the fields canonically, without parsing the two texts back.
     */
    static String ofCanonical(Fields f) {
        StringWriter out =
                new StringWriter(256 + f.query().length() + f.outcome().length());
        try (JsonGenerator json = CanonicalJson.mapper().getFactory().createGenerator(out)) {
            // keys in sorted order, as the canonical form has them
            json.writeStartObject();
            json.writeStringField("actorOrg", f.actorOrg());
            json.writeStringField("actorRoles", f.actorRoles());
            json.writeStringField("actorSubject", f.actorSubject());
            json.writeStringField(
                    "checkId", f.checkId() == null ? null : f.checkId().toString());
            json.writeStringField("eventId", f.eventId().toString());
            json.writeStringField(
                    "occurredAt", f.occurredAt().truncatedTo(ChronoUnit.MICROS).toString());
            json.writeFieldName("outcome");
            json.writeRawValue(f.outcome());
            // only events that carry personal fields have the key, so events written before it existed still verify
            if (f.personalCommitment() != null) {
                json.writeStringField("personalCommitment", f.personalCommitment());
            }
            json.writeStringField("prevHash", f.prevHash());
            json.writeStringField("purpose", f.purpose());
            json.writeFieldName("query");
            json.writeRawValue(f.query());
            json.writeFieldName("registryVersion");
            if (f.registryVersion() == null) {
                json.writeNull();
            } else {
                json.writeNumber(f.registryVersion());
            }
            json.writeNumberField("sequence", f.sequence());
            json.writeStringField("type", f.type());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CanonicalJson.sha256Hex(out.toString());
    }
}
