package org.qorgau.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeMap;
import org.qorgau.audit.api.VerifyResult;
import org.qorgau.common.CanonicalJson;
import org.qorgau.config.AuditConfig;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.ValidationException;

/**
 * Recomputes the hash chain over a range of events in one consistent snapshot of events, head and checkpoints, and
 * reports the first sequence that does not verify.
 */
@ApplicationScoped
public class AuditVerifier {

    private final AgroalDataSource dataSource;
    private final Checkpoints checkpoints;
    private final AuditConfig config;

    public AuditVerifier(AgroalDataSource dataSource, Checkpoints checkpoints, QorgauConfig config) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.config = config.audit();
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
                    headSequence = rs.getLong("sequence");
                    headHashStored = rs.getString("hash");
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
                try (PreparedStatement statement = connection.prepareStatement("select " + AuditEventStore.COLUMNS
                        + AuditEventStore.FROM + " where e.sequence >= ? and e.sequence <= ? order by e.sequence")) {
                    statement.setFetchSize(config.fetchSize());
                    statement.setLong(1, start);
                    statement.setLong(2, end);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            long sequence = rs.getLong("sequence");
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
                            String stored = rs.getString("hash");
                            if (previousHash != null && !previousHash.equals(rs.getString("prev_hash"))) {
                                return broken(
                                        checked,
                                        first,
                                        sequence - 1,
                                        previousHash,
                                        sequence,
                                        "event " + sequence + ": prevHash does not link to the previous event",
                                        checkpointsChecked);
                            }
                            if (!AuditEventStore.recompute(rs).equals(stored)) {
                                return broken(
                                        checked,
                                        first,
                                        sequence - 1,
                                        previousHash,
                                        sequence,
                                        "event " + sequence + ": stored hash differs from the recomputed hash",
                                        checkpointsChecked);
                            }
                            String commitment = rs.getString("personal_commitment");
                            String fields = rs.getString("fields");
                            if (commitment != null
                                    && fields != null
                                    && !AuditHash.commitment(rs.getString("salt"), CanonicalJson.encode(fields))
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
}
