package org.qorgau.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.qorgau.common.CanonicalJson;

/**
 * Appends events to the hash-chained audit log inside the caller's transaction, so an event commits exactly when the
 * change it records commits. The single {@code audit_head} row is locked for the append: whichever replica writes,
 * sequences are gap-free and each event's {@code prevHash} is its predecessor's hash.
 */
@ApplicationScoped
public class AuditLog {

    public static final String GENESIS_HASH = "0".repeat(64);

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** The last event's sequence and hash, as kept in {@code audit_head}. */
    record ChainHead(long sequence, String hash) {}

    /** Reads the chain head with a row lock held until {@code connection}'s transaction ends. */
    static ChainHead lockHead(Connection connection) throws SQLException {
        try (PreparedStatement head =
                        connection.prepareStatement("select sequence, hash from audit_head where id = 1 for update");
                ResultSet rs = head.executeQuery()) {
            rs.next();
            return new ChainHead(rs.getLong(1), rs.getString(2));
        }
    }

    /** Appends one event using {@code connection}'s open transaction; the caller commits. */
    public AuditRecord append(Connection connection, AuditEventDraft draft) throws SQLException {
        AuditCommitter.Group group = AuditCommitter.group(connection);
        ChainHead head = group != null ? group.head() : lockHead(connection);
        long previousSequence = head.sequence();
        String previousHash = head.hash();
        long sequence = previousSequence + 1;
        UUID eventId = UUID.randomUUID();
        // microseconds: what PostgreSQL stores, so the hash recomputes from the row
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String query = CanonicalJson.encode(draft.query());
        String outcome = CanonicalJson.encode(draft.outcome());
        String personalFields = null;
        String salt = null;
        String commitment = null;
        if (!draft.personal().isEmpty()) {
            personalFields = CanonicalJson.encode(draft.personal());
            salt = newSalt();
            commitment = commitment(salt, personalFields);
        }
        String hash = hash(
                sequence,
                eventId,
                occurredAt,
                draft.type().name(),
                draft.actor().subject(),
                draft.actor().org(),
                draft.actor().rolesText(),
                draft.purpose(),
                query,
                outcome,
                draft.registryVersion(),
                draft.checkId(),
                commitment,
                previousHash);
        String chainedFrom = previousHash;
        String personalCommitment = commitment;
        AuditCommitter.insert(
                connection,
                "insert into audit_event (sequence, event_id, occurred_at, type, actor_subject, actor_org,"
                        + " actor_roles, purpose, query, outcome, registry_version, check_id, prev_hash, hash,"
                        + " personal_commitment) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)",
                insert -> {
                    insert.setLong(1, sequence);
                    insert.setObject(2, eventId);
                    insert.setTimestamp(3, Timestamp.from(occurredAt));
                    insert.setString(4, draft.type().name());
                    insert.setString(5, draft.actor().subject());
                    insert.setString(6, draft.actor().org());
                    insert.setString(7, draft.actor().rolesText());
                    insert.setString(8, draft.purpose());
                    insert.setString(9, query);
                    insert.setString(10, outcome);
                    insert.setObject(11, draft.registryVersion());
                    insert.setObject(12, draft.checkId());
                    insert.setString(13, chainedFrom);
                    insert.setString(14, hash);
                    insert.setString(15, personalCommitment);
                });
        if (commitment != null) {
            String fields = personalFields;
            String fieldsSalt = salt;
            AuditCommitter.insert(
                    connection,
                    "insert into audit_personal (sequence, fields, salt) values (?, ?::jsonb, ?)",
                    insert -> {
                        insert.setLong(1, sequence);
                        insert.setString(2, fields);
                        insert.setString(3, fieldsSalt);
                    });
        }
        if (group != null) {
            group.advance(sequence, hash);
            return new AuditRecord(sequence, hash, eventId, occurredAt);
        }
        try (PreparedStatement update =
                connection.prepareStatement("update audit_head set sequence = ?, hash = ? where id = 1")) {
            update.setLong(1, sequence);
            update.setString(2, hash);
            update.executeUpdate();
        }
        return new AuditRecord(sequence, hash, eventId, occurredAt);
    }

    /**
     * The commitment to an event's personal fields: SHA-256 of {@code salt + ":" + canonicalFields}. The random salt
     * keeps a redacted event from being re-identified by hashing guessed names and birth dates.
     */
    public static String commitment(String salt, String canonicalFields) {
        return CanonicalJson.sha256Hex(salt + ":" + canonicalFields);
    }

    private static String newSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /**
     * The hash of one event: SHA-256 over the canonical JSON of all its fields, including the previous hash. The
     * verifier calls this with the values read back from the table.
     */
    public static String hash(
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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", sequence);
        fields.put("eventId", eventId.toString());
        fields.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.MICROS).toString());
        fields.put("type", type);
        fields.put("actorSubject", actorSubject);
        fields.put("actorOrg", actorOrg);
        fields.put("actorRoles", actorRoles);
        fields.put("purpose", purpose);
        fields.put("query", CanonicalJson.parse(queryJson));
        fields.put("outcome", CanonicalJson.parse(outcomeJson));
        fields.put("registryVersion", registryVersion);
        fields.put("checkId", checkId == null ? null : checkId.toString());
        // only events that carry personal fields have the key, so events written before it existed still verify
        if (personalCommitment != null) {
            fields.put("personalCommitment", personalCommitment);
        }
        fields.put("prevHash", prevHash);
        return CanonicalJson.sha256Hex(CanonicalJson.encode(fields));
    }
}
