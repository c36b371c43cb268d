package org.qorgau.registry;

import static org.qorgau.registry.RegistrySql.ENTRY_COLUMNS;
import static org.qorgau.registry.RegistrySql.UPSERT_SET;
import static org.qorgau.registry.RegistrySql.bindEntry;
import static org.qorgau.registry.RegistrySql.contentJson;
import static org.qorgau.registry.RegistrySql.currentHash;
import static org.qorgau.registry.RegistrySql.finishVersion;
import static org.qorgau.registry.RegistrySql.history;
import static org.qorgau.registry.RegistrySql.nextVersion;
import static org.qorgau.registry.RegistrySql.readEntry;
import static org.qorgau.registry.RegistrySql.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.common.Validation;
import org.qorgau.error.FieldError;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.registry.api.ImportResult;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.registry.api.RegistryVersionView;
import org.qorgau.security.Caller;

/**
 * The registry: imports, single-entry corrections and versions. Every change runs in one database transaction that
 * also writes the new version, the entries' history and the audit event, under a lock on {@code registry_head}, so
 * replicas never interleave two changes and a failed change leaves nothing behind.
 */
@ApplicationScoped
public class RegistryService {

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final ObjectMapper json;
    private final Event<RegistryChanged> changed;
    private final RegistryImport imports;

    public RegistryService(
            AgroalDataSource dataSource,
            AuditLog auditLog,
            ObjectMapper json,
            Event<RegistryChanged> changed,
            RegistryImport imports) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.json = json;
        this.changed = changed;
        this.imports = imports;
    }

    /**
     * Imports a file all-or-nothing: every record is validated while it streams into a temporary table; with any
     * error nothing changes and every error is reported.
     */
    public ImportResult importEntries(ImportMode mode, boolean csv, InputStream body, Caller caller) {
        return importEntries(mode, csv, body, caller, false, null);
    }

    /**
     * As {@link #importEntries(ImportMode, boolean, InputStream, Caller)}. With {@code dryRun} the file is validated and
     * its counts computed against the current registry, then everything is rolled back: the answer carries the
     * current version and what the import would do. A {@code replace} that would remove more than
     * {@code qorgau.registry.max-replace-removal-share} of the registry answers 409 with the counts unless
     * {@code confirmRemovals} equals the number it would remove (a truncated upstream file must not empty the registry
     * that protects children).
     */
    public ImportResult importEntries(
            ImportMode mode, boolean csv, InputStream body, Caller caller, boolean dryRun, Long confirmRemovals) {
        return imports.run(mode, csv, body, caller, dryRun, confirmRemovals);
    }

    /** One entry by the authority's id. */
    public Optional<RegistryEntry> find(String externalId) {
        if (Validation.externalId(externalId) != null) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select " + ENTRY_COLUMNS + " from registry_entry where external_id = ?")) {
            statement.setString(1, externalId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(readEntry(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registry read failed", e);
        }
    }

    /** Creates or replaces one entry; returns the new version, or the current one when nothing changed. */
    public PutResult put(String externalId, RegistryEntry body, Caller caller) {
        if (Validation.externalId(externalId) != null) {
            throw new ValidationException("externalId", "externalId " + Validation.externalId(externalId));
        }
        if (body.externalId() != null && !body.externalId().equals(externalId)) {
            throw new ValidationException("externalId", "externalId in the body must equal the one in the path");
        }
        RegistryEntry withId = new RegistryEntry(
                externalId,
                body.fullName(),
                body.aliases(),
                body.dateOfBirth(),
                body.photoHashes(),
                body.offence(),
                body.convictionDate(),
                body.region(),
                body.sourceUrl());
        List<FieldError> errors = new ArrayList<>();
        ValidEntry valid = ValidEntry.validate(withId, null, errors);
        if (valid == null) {
            throw new ValidationException("The entry is invalid; nothing changed.", errors);
        }
        return inTransaction(connection -> {
            Optional<String> existingHash = currentHash(connection, externalId, true);
            boolean created = existingHash.isEmpty();
            long version = nextVersion(connection, caller, "ENTRY_PUT", null);
            String json = entryJson(valid.entry());
            try (PreparedStatement upsert = connection.prepareStatement("insert into registry_entry ("
                    + ENTRY_COLUMNS + ", created_version, updated_version) values (?, ?, ?::jsonb, ?, ?::jsonb, ?,"
                    + " ?, ?, ?, ?, ?, ?)" + UPSERT_SET)) {
                bindEntry(upsert, valid);
                upsert.setLong(11, version);
                upsert.setLong(12, version);
                upsert.executeUpdate();
            }
            boolean changed = created || !existingHash.get().equals(valid.contentHash());
            String change = created ? "ADDED" : changed ? "UPDATED" : null;
            if (change != null) {
                history(connection, externalId, version, change, json, null);
            }
            finishVersion(connection, version, created ? 1 : 0, !created && changed ? 1 : 0, 0, changed ? 0 : 1);
            auditLog.append(
                    connection,
                    new AuditEventDraft(
                            AuditEventType.REGISTRY_ENTRY_CHANGED,
                            caller,
                            null,
                            Map.of("externalId", externalId),
                            Map.of("change", change == null ? "UNCHANGED" : change),
                            version,
                            null));
            return new PutResult(valid.entry(), version, created);
        });
    }

    /**
     * Adds a photo's hash to an entry's {@code photoHashes} as a new registry version, audited like {@link #put}; an
     * entry that already holds the hash stays as it is. Only the hash reaches this service, never the photo.
     */
    public PutResult addPhotoHash(String externalId, String pdqHash, Caller caller) {
        RegistryEntry current =
                find(externalId).orElseThrow(() -> new NotFoundException("No registry entry with this externalId."));
        List<String> hashes = new ArrayList<>(current.photoHashes() == null ? List.of() : current.photoHashes());
        if (!hashes.contains(pdqHash)) {
            hashes.add(pdqHash);
        }
        return put(
                externalId,
                new RegistryEntry(
                        current.externalId(),
                        current.fullName(),
                        current.aliases(),
                        current.dateOfBirth(),
                        hashes,
                        current.offence(),
                        current.convictionDate(),
                        current.region(),
                        current.sourceUrl()),
                caller);
    }

    /** Removes one entry; its history stays. */
    public long delete(String externalId, String reason, Caller caller) {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "reason is required to delete an entry");
        }
        String problem = Validation.optionalText(reason, 1000);
        if (problem != null) {
            throw new ValidationException("reason", "reason " + problem);
        }
        if (Validation.externalId(externalId) != null) {
            throw new NotFoundException("No registry entry with this externalId.");
        }
        return inTransaction(connection -> {
            if (currentHash(connection, externalId, true).isEmpty()) {
                throw new NotFoundException("No registry entry with this externalId.");
            }
            long version = nextVersion(connection, caller, "ENTRY_DELETE", reason.strip());
            update(
                    connection,
                    "insert into registry_entry_history (external_id, registry_version, change, content, reason)"
                            + " select e.external_id, ?, 'REMOVED', " + contentJson("e") + ", ? from registry_entry e"
                            + " where e.external_id = ?",
                    version,
                    reason.strip(),
                    externalId);
            update(connection, "delete from registry_entry where external_id = ?", externalId);
            finishVersion(connection, version, 0, 0, 1, 0);
            auditLog.append(
                    connection,
                    new AuditEventDraft(
                            AuditEventType.REGISTRY_ENTRY_CHANGED,
                            caller,
                            null,
                            Map.of("externalId", externalId),
                            Map.of("change", "REMOVED", "reason", reason.strip()),
                            version,
                            null));
            return version;
        });
    }

    /** Versions, newest first. */
    public List<RegistryVersionView> versions(int limit, Long before) {
        try (Connection connection = dataSource.getConnection()) {
            return RegistrySql.versions(connection, limit, before);
        } catch (SQLException e) {
            throw new IllegalStateException("registry read failed", e);
        }
    }

    /** The current registry version (0 before the first import). */
    public long currentVersion() {
        try (Connection connection = dataSource.getConnection()) {
            return RegistrySql.currentVersion(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("registry read failed", e);
        }
    }

    /** The result of a PUT: the stored entry, the version and whether it was new. */
    public record PutResult(RegistryEntry entry, long version, boolean created) {}

    private String entryJson(RegistryEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                changed.fire(new RegistryChanged(-1));
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registry change failed", e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
