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
     * The hash of one event: SHA-256 over the canonical JSON of all its fields, including the previous hash. The
     * verifier calls this with the values read back from the table; {@code queryJson} and {@code outcomeJson} may be
     * any JSON text (PostgreSQL's {@code jsonb} output orders and spaces it its own way).
     */
    public static String of(
            long sequence,
            UUID eventId,
            Instant occurredAt,
            String type,
            String actorSubject,
            String actorOrg,
            String actorRoles,
            String purpose,
            String queryJson,
            String outcomeJson,
            Long registryVersion,
            UUID checkId,
            String personalCommitment,
            String prevHash) {
        return ofCanonical(
                sequence,
                eventId,
                occurredAt,
                type,
                actorSubject,
                actorOrg,
                actorRoles,
                purpose,
                queryJson == null ? "null" : CanonicalJson.encode(queryJson),
                outcomeJson == null ? "null" : CanonicalJson.encode(outcomeJson),
                registryVersion,
                checkId,
                personalCommitment,
                prevHash);
    }

    /**
     * As {@link #of}, with the query and outcome already canonical ({@link CanonicalJson#encode}): the fields are
     * written in the canonical form's key order, the two canonical texts as they are. The same bytes as encoding a map
     * of all the fields canonically, without parsing the two texts back.
     */
    static String ofCanonical(
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
        StringWriter out = new StringWriter(256 + query.length() + outcome.length());
        try (JsonGenerator json = CanonicalJson.mapper().getFactory().createGenerator(out)) {
            // keys in sorted order, as the canonical form has them
            json.writeStartObject();
            json.writeStringField("actorOrg", actorOrg);
            json.writeStringField("actorRoles", actorRoles);
            json.writeStringField("actorSubject", actorSubject);
            json.writeStringField("checkId", checkId == null ? null : checkId.toString());
            json.writeStringField("eventId", eventId.toString());
            json.writeStringField(
                    "occurredAt", occurredAt.truncatedTo(ChronoUnit.MICROS).toString());
            json.writeFieldName("outcome");
            json.writeRawValue(outcome);
            // only events that carry personal fields have the key, so events written before it existed still verify
            if (personalCommitment != null) {
                json.writeStringField("personalCommitment", personalCommitment);
            }
            json.writeStringField("prevHash", prevHash);
            json.writeStringField("purpose", purpose);
            json.writeFieldName("query");
            json.writeRawValue(query);
            json.writeFieldName("registryVersion");
            if (registryVersion == null) {
                json.writeNull();
            } else {
                json.writeNumber(registryVersion);
            }
            json.writeNumberField("sequence", sequence);
            json.writeStringField("type", type);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CanonicalJson.sha256Hex(out.toString());
    }
}
