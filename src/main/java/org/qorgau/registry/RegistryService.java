package org.qorgau.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.common.Validation;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.BadRequestException;
import org.qorgau.error.ConflictException;
import org.qorgau.error.FieldError;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.RegistryPerson;
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

    private static final Logger LOG = Logger.getLogger(RegistryService.class);
    private static final String ENTRY_COLUMNS = "external_id, full_name, aliases, date_of_birth, photo_hashes,"
            + " offence, conviction_date, region, source_url, content_hash";

    /** Replaces an existing entry's content with the incoming row's ({@code excluded}). */
    private static final String UPSERT_SET = " on conflict (external_id) do update set full_name = excluded.full_name,"
            + " aliases = excluded.aliases, date_of_birth = excluded.date_of_birth,"
            + " photo_hashes = excluded.photo_hashes, offence = excluded.offence,"
            + " conviction_date = excluded.conviction_date, region = excluded.region,"
            + " source_url = excluded.source_url, content_hash = excluded.content_hash,"
            + " updated_version = excluded.updated_version";

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final QorgauConfig config;
    private final ObjectMapper json;
    private final Event<RegistryChanged> changed;
    private final Instance<ReplacePreparation> preparations;

    public RegistryService(
            AgroalDataSource dataSource,
            AuditLog auditLog,
            QorgauConfig config,
            ObjectMapper json,
            Event<RegistryChanged> changed,
            Instance<ReplacePreparation> preparations) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.config = config;
        this.json = json;
        this.changed = changed;
        this.preparations = preparations;
    }

    /** Nothing prepared: an upsert, a dry run, or a replica that cannot prepare now. */
    private static final ReplacePreparation.Prepared NOTHING_PREPARED = new ReplacePreparation.Prepared() {
        @Override
        public void add(RegistryPerson person) {}

        @Override
        public void staged() {}

        @Override
        public void committed(long version) {}

        @Override
        public void close() {}
    };

    private ReplacePreparation.Prepared prepare(ImportMode mode, boolean dryRun) {
        if (mode != ImportMode.REPLACE || dryRun || !preparations.isResolvable()) {
            return NOTHING_PREPARED;
        }
        return preparations.get().begin().orElse(NOTHING_PREPARED);
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
        long started = System.nanoTime();
        ReplacePreparation.Prepared next = prepare(mode, dryRun);
        try (next;
                Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // the COPY lasts as long as the upload (a national snapshot is one request): lift the statement and
            // socket timeouts that bound every other database wait, for this transaction and connection only
            int networkTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, 0);
            try (Statement unbounded = connection.createStatement()) {
                unbounded.execute("set local statement_timeout = 0");
            }
            try {
                ImportResult result =
                        importInTransaction(connection, mode, csv, body, caller, dryRun, confirmRemovals, next);
                if (dryRun) {
                    connection.rollback();
                    LOG.infof("Registry import dry run by %s: %s", caller.subject(), result);
                    return result;
                }
                connection.commit();
                // a replace's next index was built while it ran: this replica serves it before answering
                next.committed(result.registryVersion());
                changed.fire(new RegistryChanged(result.registryVersion()));
                LOG.infof(
                        "Registry import by %s applied as version %d in %d ms: %s",
                        caller.subject(), result.registryVersion(), (System.nanoTime() - started) / 1_000_000, result);
                return result;
            } catch (RuntimeException | SQLException | IOException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setNetworkTimeout(Runnable::run, networkTimeout);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("registry import failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportResult importInTransaction(
            Connection connection,
            ImportMode mode,
            boolean csv,
            InputStream body,
            Caller caller,
            boolean dryRun,
            Long confirmRemovals,
            ReplacePreparation.Prepared next)
            throws SQLException, IOException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table registry_import (line bigint not null,"
                    + " external_id varchar(100) not null, full_name varchar(300) not null, aliases jsonb not null,"
                    + " date_of_birth varchar(10) not null, photo_hashes jsonb not null, offence varchar(500) not null,"
                    + " conviction_date varchar(10), region varchar(200), source_url varchar(2000),"
                    + " content_hash varchar(64) not null) on commit drop");
        }
        List<FieldError> errors = new ArrayList<>();
        long errorCount = 0;
        long records = 0;
        int maxErrors = config.registry().maxReportedErrors();
        CopyIn copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("copy registry_import (line, " + ENTRY_COLUMNS + ") from stdin with (format csv)");
        try (EntryReader reader = csv
                ? new CsvEntryReader(body, config.registry().maxLineChars())
                : new NdjsonEntryReader(body, config.registry().maxLineChars())) {
            StringBuilder batch = new StringBuilder(1 << 16);
            ParsedLine parsed;
            while ((parsed = reader.next()) != null) {
                records++;
                List<FieldError> lineErrors = new ArrayList<>(parsed.errors());
                ValidEntry valid =
                        parsed.entry() == null ? null : ValidEntry.validate(parsed.entry(), parsed.line(), lineErrors);
                if (!lineErrors.isEmpty()) {
                    errorCount += lineErrors.size();
                    for (FieldError error : lineErrors) {
                        if (errors.size() < maxErrors) {
                            errors.add(error);
                        }
                    }
                    continue;
                }
                if (errorCount == 0) {
                    next.add(person(valid.entry()));
                    appendCsvRow(batch, parsed.line(), valid);
                    if (batch.length() > (1 << 16)) {
                        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        batch.setLength(0);
                    }
                }
            }
            if (batch.length() > 0) {
                byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
            }
            copy.endCopy();
            if (errorCount == 0) {
                next.staged();
            }
        } catch (CharacterCodingException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw new BadRequestException("The body is not valid UTF-8.");
        } catch (RuntimeException | IOException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
        if (errorCount == 0) {
            try (Statement statement = connection.createStatement()) {
                // temporary tables are never auto-analysed: give the planner the row count before the set-based joins
                statement.execute("analyze registry_import");
            }
            errorCount += duplicates(connection, errors, maxErrors);
        }
        if (errorCount > 0) {
            throw new ValidationException(
                    "The import was rejected and nothing changed: " + errorCount + " error(s) in " + records
                            + " record(s)"
                            + (errorCount > errors.size() ? "; the first " + errors.size() + " are listed." : "."),
                    errors);
        }
        if (records == 0 && mode == ImportMode.REPLACE) {
            throw new ValidationException(null, "An empty file cannot replace the registry.");
        }
        long staged = System.nanoTime();
        ImportResult preview = preview(connection, mode);
        if (dryRun) {
            return preview;
        }
        guardRemovals(connection, mode, preview, confirmRemovals);
        ImportResult result = apply(connection, mode, caller);
        LOG.infof(
                "Registry import: %d records streamed, validated and staged in %d ms, applied in %d ms",
                records, (staged - started) / 1_000_000, (System.nanoTime() - staged) / 1_000_000);
        return result;
    }

    private static RegistryPerson person(RegistryEntry e) {
        return new RegistryPerson(e.externalId(), e.fullName(), e.aliases(), e.dateOfBirth(), e.photoHashes());
    }

    private static void appendCsvRow(StringBuilder out, long line, ValidEntry valid) throws JsonProcessingException {
        RegistryEntry e = valid.entry();
        out.append(line).append(',');
        csv(out, e.externalId()).append(',');
        csv(out, e.fullName()).append(',');
        csv(out, org.qorgau.common.CanonicalJson.encode(e.aliases())).append(',');
        csv(out, e.dateOfBirth()).append(',');
        csv(out, org.qorgau.common.CanonicalJson.encode(e.photoHashes())).append(',');
        csv(out, e.offence()).append(',');
        csv(out, e.convictionDate()).append(',');
        csv(out, e.region()).append(',');
        csv(out, e.sourceUrl()).append(',');
        csv(out, valid.contentHash()).append('\n');
    }

    /** COPY CSV: null is an unquoted empty cell; every value is quoted, quotes doubled. */
    private static StringBuilder csv(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }

    private static long duplicates(Connection connection, List<FieldError> errors, int maxErrors) throws SQLException {
        long count = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select external_id, array_agg(line order by line) as lines"
                        + " from registry_import group by external_id having count(*) > 1 order by min(line)")) {
            while (rs.next()) {
                Long[] lines = (Long[]) rs.getArray("lines").getArray();
                for (int i = 1; i < lines.length; i++) {
                    count++;
                    if (errors.size() < maxErrors) {
                        errors.add(new FieldError(
                                lines[i], "externalId", "externalId repeats the entry on line " + lines[0]));
                    }
                }
            }
        }
        return count;
    }

    /**
     * What applying the staged file would do, counted under the registry head's lock (so nothing changes between
     * these counts and {@link #apply}); {@code registryVersion} is the current one and {@code dryRun} is true.
     */
    private static ImportResult preview(Connection connection, ImportMode mode) throws SQLException {
        long version = count(connection, "select version as n from registry_head where id = 1 for update");
        int added = count(
                connection,
                "select count(*) as n from registry_import s where not exists"
                        + " (select 1 from registry_entry e where e.external_id = s.external_id)");
        int updated = count(
                connection,
                "select count(*) as n from registry_import s join registry_entry e on e.external_id = s.external_id"
                        + " where e.content_hash <> s.content_hash");
        int removed = mode != ImportMode.REPLACE
                ? 0
                : count(
                        connection,
                        "select count(*) as n from registry_entry e where not exists"
                                + " (select 1 from registry_import s where s.external_id = e.external_id)");
        int staged = count(connection, "select count(*) as n from registry_import");
        return new ImportResult(version, added, updated, removed, staged - added - updated, true);
    }

    /** Refuses (409, nothing changes) a replace that removes a large share of the registry without confirmation. */
    private void guardRemovals(Connection connection, ImportMode mode, ImportResult preview, Long confirmRemovals)
            throws SQLException {
        if (mode != ImportMode.REPLACE || preview.removed() == 0) {
            return;
        }
        int current = count(connection, "select count(*) as n from registry_entry");
        double share = config.registry().maxReplaceRemovalShare();
        if (preview.removed() <= share * current || (confirmRemovals != null && confirmRemovals == preview.removed())) {
            return;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("entries", (long) current);
        counts.put("removed", (long) preview.removed());
        counts.put("added", (long) preview.added());
        counts.put("updated", (long) preview.updated());
        counts.put("unchanged", (long) preview.unchanged());
        throw new ConflictException(
                "This replace would remove " + preview.removed() + " of the registry's " + current + " entries (more"
                        + " than " + Math.round(share * 100) + " %); nothing changed. If that is intended, repeat it"
                        + " with confirmRemovals=" + preview.removed() + " (dryRun=true shows the counts without"
                        + " applying).",
                counts);
    }

    private ImportResult apply(Connection connection, ImportMode mode, Caller caller) throws SQLException {
        long version =
                nextVersion(connection, caller, mode == ImportMode.REPLACE ? "IMPORT_REPLACE" : "IMPORT_UPSERT", null);
        int added = update(
                connection,
                "insert into registry_entry_history (external_id, registry_version, change, content)"
                        + " select s.external_id, ?, 'ADDED', " + contentJson("s") + " from registry_import s"
                        + " where not exists (select 1 from registry_entry e where e.external_id = s.external_id)",
                version);
        int updated = update(
                connection,
                "insert into registry_entry_history (external_id, registry_version, change, content)"
                        + " select s.external_id, ?, 'UPDATED', " + contentJson("s") + " from registry_import s"
                        + " join registry_entry e on e.external_id = s.external_id"
                        + " where e.content_hash <> s.content_hash",
                version);
        int removed = 0;
        if (mode == ImportMode.REPLACE) {
            removed = update(
                    connection,
                    "insert into registry_entry_history (external_id, registry_version, change, content, reason)"
                            + " select e.external_id, ?, 'REMOVED', " + contentJson("e")
                            + ", 'absent from replace import'"
                            + " from registry_entry e"
                            + " where not exists (select 1 from registry_import s where s.external_id = e.external_id)",
                    version);
            update(
                    connection,
                    "delete from registry_entry e"
                            + " where not exists (select 1 from registry_import s where s.external_id = e.external_id)");
        }
        update(
                connection,
                "insert into registry_entry (" + ENTRY_COLUMNS + ", created_version, updated_version)"
                        + " select " + ENTRY_COLUMNS + ", ?, ? from registry_import"
                        + UPSERT_SET
                        + " where registry_entry.content_hash <> excluded.content_hash",
                version,
                version);
        int staged = count(connection, "select count(*) as n from registry_import");
        int unchanged = staged - added - updated;
        finishVersion(connection, version, added, updated, removed, unchanged);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("mode", mode.name());
        outcome.put("added", added);
        outcome.put("updated", updated);
        outcome.put("removed", removed);
        outcome.put("unchanged", unchanged);
        auditLog.append(
                connection,
                new AuditEventDraft(AuditEventType.REGISTRY_IMPORTED, caller, null, Map.of(), outcome, version, null));
        return new ImportResult(version, added, updated, removed, unchanged);
    }

    private static String contentJson(String alias) {
        return "jsonb_build_object('externalId', " + alias + ".external_id, 'fullName', " + alias + ".full_name,"
                + " 'aliases', " + alias + ".aliases, 'dateOfBirth', " + alias + ".date_of_birth, 'photoHashes', "
                + alias + ".photo_hashes, 'offence', " + alias + ".offence, 'convictionDate', " + alias
                + ".conviction_date, 'region', " + alias + ".region, 'sourceUrl', " + alias + ".source_url)";
    }

    /** Locks the registry head and opens a new version row (counts filled in by {@link #finishVersion}). */
    private static long nextVersion(Connection connection, Caller caller, String kind, String reason)
            throws SQLException {
        long version;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select version from registry_head where id = 1 for update")) {
            rs.next();
            version = rs.getLong("version") + 1;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into registry_version (version,"
                + " actor_subject, actor_org, kind, added, updated, removed, unchanged, entry_count, content_hash,"
                + " reason) values (?, ?, ?, ?, 0, 0, 0, 0, 0, '', ?)")) {
            insert.setLong(1, version);
            insert.setString(2, caller.subject());
            insert.setString(3, caller.org());
            insert.setString(4, kind);
            insert.setString(5, reason);
            insert.executeUpdate();
        }
        update(connection, "update registry_head set version = ? where id = 1", version);
        return version;
    }

    private static void finishVersion(
            Connection connection, long version, int added, int updated, int removed, int unchanged)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("update registry_version set added = ?,"
                + " updated = ?, removed = ?, unchanged = ?,"
                + " entry_count = (select count(*) from registry_entry),"
                + " content_hash = (select encode(sha256(convert_to(coalesce(string_agg(external_id || ':' ||"
                + " content_hash, E'\\n' order by external_id), ''), 'UTF8')), 'hex') from registry_entry)"
                + " where version = ?")) {
            statement.setInt(1, added);
            statement.setInt(2, updated);
            statement.setInt(3, removed);
            statement.setInt(4, unchanged);
            statement.setLong(5, version);
            statement.executeUpdate();
        }
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select version, created_at,"
                        + " actor_subject, actor_org, kind, added, updated, removed, unchanged, entry_count,"
                        + " content_hash, reason from registry_version where version < ? order by version desc"
                        + " limit ?")) {
            statement.setLong(1, before == null ? Long.MAX_VALUE : before);
            statement.setInt(2, limit);
            List<RegistryVersionView> result = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new RegistryVersionView(
                            rs.getLong("version"),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getString("actor_subject"),
                            rs.getString("actor_org"),
                            rs.getString("kind"),
                            rs.getInt("added"),
                            rs.getInt("updated"),
                            rs.getInt("removed"),
                            rs.getInt("unchanged"),
                            rs.getInt("entry_count"),
                            rs.getString("content_hash"),
                            rs.getString("reason")));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("registry read failed", e);
        }
    }

    /** The current registry version (0 before the first import). */
    public long currentVersion() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select version from registry_head where id = 1")) {
            rs.next();
            return rs.getLong("version");
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

    private static void bindEntry(PreparedStatement statement, ValidEntry valid) throws SQLException {
        RegistryEntry e = valid.entry();
        statement.setString(1, e.externalId());
        statement.setString(2, e.fullName());
        statement.setString(3, org.qorgau.common.CanonicalJson.encode(e.aliases()));
        statement.setString(4, e.dateOfBirth());
        statement.setString(5, org.qorgau.common.CanonicalJson.encode(e.photoHashes()));
        statement.setString(6, e.offence());
        statement.setString(7, e.convictionDate());
        statement.setString(8, e.region());
        statement.setString(9, e.sourceUrl());
        statement.setString(10, valid.contentHash());
    }

    private static void history(
            Connection connection, String externalId, long version, String change, String json, String reason)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("insert into registry_entry_history"
                + " (external_id, registry_version, change, content, reason) values (?, ?, ?, ?::jsonb, ?)")) {
            statement.setString(1, externalId);
            statement.setLong(2, version);
            statement.setString(3, change);
            statement.setString(4, json);
            statement.setString(5, reason);
            statement.executeUpdate();
        }
    }

    private static Optional<String> currentHash(Connection connection, String externalId, boolean lock)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select content_hash from registry_entry where external_id = ?" + (lock ? " for update" : ""))) {
            statement.setString(1, externalId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString("content_hash")) : Optional.empty();
            }
        }
    }

    /** Reads the entry columns ({@link #ENTRY_COLUMNS}, by name) of the current row. */
    public static RegistryEntry readEntry(ResultSet rs) throws SQLException {
        return new RegistryEntry(
                rs.getString("external_id"),
                rs.getString("full_name"),
                stringList(rs.getString("aliases")),
                rs.getString("date_of_birth"),
                stringList(rs.getString("photo_hashes")),
                rs.getString("offence"),
                rs.getString("conviction_date"),
                rs.getString("region"),
                rs.getString("source_url"));
    }

    public static String entryColumns() {
        return ENTRY_COLUMNS;
    }

    private static List<String> stringList(String json) {
        var node = org.qorgau.common.CanonicalJson.parse(json);
        List<String> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(item.asText()));
        return List.copyOf(list);
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt("n");
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
