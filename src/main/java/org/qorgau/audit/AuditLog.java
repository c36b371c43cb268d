package org.qorgau.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qorgau.common.CanonicalJson;
import org.qorgau.common.TimeOrderedIds;

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
    record ChainHead(long sequence, String hash) {
        /** The head once {@code last} is appended. */
        static ChainHead at(AuditRecord last) {
            return new ChainHead(last.sequence(), last.hash());
        }
    }

    /** Reads the chain head with a row lock held until {@code connection}'s transaction ends. */
    static ChainHead lockHead(Connection connection) throws SQLException {
        try (PreparedStatement head =
                        connection.prepareStatement("select sequence, hash from audit_head where id = 1 for update");
                ResultSet rs = head.executeQuery()) {
            rs.next();
            return new ChainHead(rs.getLong("sequence"), rs.getString("hash"));
        }
    }

    /** Appends one event using {@code connection}'s open transaction; the caller commits. */
    public AuditRecord append(Connection connection, AuditEventDraft draft) throws SQLException {
        ChainHead head = lockHead(connection);
        Appended appended = chain(encode(draft), head);
        GroupRows rows = new GroupRows();
        for (AuditedWrite.Row row : appended.rows()) {
            rows.add(row, appended.record());
        }
        rows.execute(connection, null, moveHead(appended.record()));
        return appended.record();
    }

    /** An event placed after a chain head: where it landed and the rows that store it. */
    record Appended(AuditRecord record, List<AuditedWrite.Row> rows) {}

    /**
     * An event's parts that do not depend on its place in the chain, in canonical form: its query, outcome and personal
     * fields, and the salted commitment to the latter. Encoded by the thread that records the event, so the group
     * writer, which chains every event of the service one after another, only places it and hashes.
     */
    record Encoded(
            AuditEventDraft draft,
            String query,
            String outcome,
            String personalFields,
            String salt,
            String commitment) {}

    /** Encodes {@code draft}'s query, outcome and personal fields canonically (see {@link Encoded}). */
    static Encoded encode(AuditEventDraft draft) {
        String personalFields = null;
        String salt = null;
        String commitment = null;
        if (!draft.personal().isEmpty()) {
            personalFields = CanonicalJson.encode(draft.personal());
            salt = newSalt();
            commitment = AuditHash.commitment(salt, personalFields);
        }
        return new Encoded(
                draft,
                CanonicalJson.encode(draft.query()),
                CanonicalJson.encode(draft.outcome()),
                personalFields,
                salt,
                commitment);
    }

    /**
     * Places {@code event} after {@code head}: its sequence, hash and the rows ({@code audit_event}, and
     * {@code audit_personal} when it carries personal fields) that store it. Nothing is written here.
     */
    Appended chain(Encoded event, ChainHead head) {
        AuditEventDraft draft = event.draft();
        long sequence = head.sequence() + 1;
        // microseconds: what PostgreSQL stores, so the hash recomputes from the row
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID eventId = TimeOrderedIds.at(occurredAt);
        // the row stores exactly the fields the hash covers, so the verifier recomputes it from the row
        AuditHash.Fields f = fields(
                draft, sequence, eventId, occurredAt, event.query(), event.outcome(), event.commitment(), head.hash());
        String hash = AuditHash.ofCanonical(f);
        List<AuditedWrite.Row> rows = new ArrayList<>(2);
        rows.add(AuditedWrite.Row.of(
                INSERT_EVENT,
                f.sequence(),
                f.eventId(),
                f.occurredAt(),
                f.type(),
                f.actorSubject(),
                f.actorOrg(),
                f.actorRoles(),
                f.purpose(),
                f.query(),
                f.outcome(),
                f.registryVersion(),
                f.checkId(),
                f.prevHash(),
                hash,
                f.personalCommitment()));
        if (f.personalCommitment() != null) {
            rows.add(AuditedWrite.Row.of(INSERT_PERSONAL, sequence, event.personalFields(), event.salt()));
        }
        return new Appended(new AuditRecord(sequence, hash, eventId, occurredAt), rows);
    }

    /** The fields {@code draft}'s hash covers, once placed in the chain (see {@link AuditHash.Fields}). */
    static AuditHash.Fields fields(
            AuditEventDraft draft,
            long sequence,
            UUID eventId,
            Instant occurredAt,
            String query,
            String outcome,
            String personalCommitment,
            String prevHash) {
        return new AuditHash.Fields(
                sequence,
                eventId,
                occurredAt,
                draft.type().name(),
                draft.actor().subject(),
                draft.actor().org(),
                draft.actor().rolesText(),
                draft.purpose() == null ? null : draft.purpose().name(),
                query,
                outcome,
                draft.registryVersion(),
                draft.checkId(),
                personalCommitment,
                prevHash);
    }

    private static final AuditedWrite.Insert INSERT_EVENT = AuditedWrite.Insert.into(
            "audit_event",
            "sequence bigint",
            "event_id uuid",
            "occurred_at timestamptz",
            "type",
            "actor_subject",
            "actor_org",
            "actor_roles",
            "purpose",
            "query jsonb",
            "outcome jsonb",
            "registry_version bigint",
            "check_id uuid",
            "prev_hash",
            "hash",
            "personal_commitment");

    private static final AuditedWrite.Insert INSERT_PERSONAL =
            AuditedWrite.Insert.into("audit_personal", "sequence bigint", "fields jsonb", "salt");

    /** Sets the chain head to {@code last}, in a transaction that holds the lock on it ({@link #lockHead}). */
    static GroupRows.Statement moveHead(AuditRecord last) {
        return new GroupRows.Statement(
                "update audit_head set sequence = ?, hash = ? where id = 1", List.of(last.sequence(), last.hash()));
    }

    /**
     * Sets the chain head to {@code last} only if it is still at {@code expected}, and locks it until the transaction
     * ends, as {@link #lockHead} would; when another transaction has moved the head since, fails with an error that
     * {@link #headMoved} recognises, so that nothing sent in the same transaction is committed.
     */
    static GroupRows.Statement advanceHead(ChainHead expected, AuditRecord last) {
        return new GroupRows.Statement(
                "select audit_head_advance(?, ?, ?, ?)",
                List.of(expected.sequence(), expected.hash(), last.sequence(), last.hash()));
    }

    /** True when {@code e} is {@link #advanceHead}'s failure: the head was no longer where the writer expected it. */
    static boolean headMoved(SQLException e) {
        return HEAD_MOVED.equals(e.getSQLState());
    }

    /** The SQLSTATE of {@code audit_head_advance} when the head has moved (V74). */
    private static final String HEAD_MOVED = "QA001";

    private static String newSalt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
