package org.qorgau.registry;

import static org.qorgau.registry.RegistrySql.ENTRY_COLUMNS;
import static org.qorgau.registry.RegistrySql.UPSERT_SET;
import static org.qorgau.registry.RegistrySql.contentJson;
import static org.qorgau.registry.RegistrySql.count;
import static org.qorgau.registry.RegistrySql.finishVersion;
import static org.qorgau.registry.RegistrySql.nextVersion;
import static org.qorgau.registry.RegistrySql.update;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.ConflictException;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.registry.api.ImportResult;
import org.qorgau.security.Caller;

/**
 * A whole file into the registry, all or nothing, in one transaction: staged and validated ({@link ImportStaging}),
 * counted against the current registry, held back when a replace would remove a large share without confirmation,
 * then applied set-based as one new version with its history and audit event. {@link RegistryService} is the way in.
 */
@ApplicationScoped
class RegistryImport {

    private static final Logger LOG = Logger.getLogger(RegistryImport.class);

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

    private final AgroalDataSource dataSource;
    private final AuditLog auditLog;
    private final QorgauConfig config;
    private final Event<RegistryChanged> changed;
    private final Instance<ReplacePreparation> preparations;

    RegistryImport(
            AgroalDataSource dataSource,
            AuditLog auditLog,
            QorgauConfig config,
            Event<RegistryChanged> changed,
            Instance<ReplacePreparation> preparations) {
        this.dataSource = dataSource;
        this.auditLog = auditLog;
        this.config = config;
        this.changed = changed;
        this.preparations = preparations;
    }

    /** As {@link RegistryService#importEntries(ImportMode, boolean, InputStream, Caller, boolean, Long)}. */
    ImportResult run(
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

    private ReplacePreparation.Prepared prepare(ImportMode mode, boolean dryRun) {
        if (mode != ImportMode.REPLACE || dryRun || !preparations.isResolvable()) {
            return NOTHING_PREPARED;
        }
        return preparations.get().begin().orElse(NOTHING_PREPARED);
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
        long records = ImportStaging.stage(connection, csv, body, config.registry(), next);
        if (records == 0 && mode == ImportMode.REPLACE) {
            throw new ValidationException(null, "An empty file cannot replace the registry.");
        }
        long staged = System.nanoTime();
        ImportResult preview = preview(connection, mode);
        if (dryRun) {
            return preview;
        }
        guardRemovals(connection, mode, preview, confirmRemovals);
        ImportResult result = apply(connection, mode, caller, preview);
        LOG.infof(
                "Registry import: %d records streamed, validated and staged in %d ms, applied in %d ms",
                records, (staged - started) / 1_000_000, (System.nanoTime() - staged) / 1_000_000);
        return result;
    }

    /**
     * What applying the staged file would do, counted under the registry head's lock (so nothing changes between
     * these counts and {@link #apply}); {@code registryVersion} is the current one and {@code dryRun} is true. Each
     * staged record is classified once against the registry, in {@code registry_import_change} (A added, U updated,
     * N unchanged), which the counts and {@link #apply} read instead of joining the registry again.
     */
    private static ImportResult preview(Connection connection, ImportMode mode) throws SQLException {
        long version = count(connection, "select version as n from registry_head where id = 1 for update");
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table registry_import_change on commit drop as"
                    + " select s.external_id, case when e.external_id is null then 'A'"
                    + " when e.content_hash <> s.content_hash then 'U' else 'N' end as change"
                    + " from registry_import s left join registry_entry e on e.external_id = s.external_id");
            statement.execute("analyze registry_import_change");
        }
        int added;
        int updated;
        int staged;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) filter (where change = 'A') as added,"
                        + " count(*) filter (where change = 'U') as updated, count(*) as staged"
                        + " from registry_import_change")) {
            rs.next();
            added = rs.getInt("added");
            updated = rs.getInt("updated");
            staged = rs.getInt("staged");
        }
        int removed = mode != ImportMode.REPLACE
                ? 0
                : count(
                        connection,
                        "select count(*) as n from registry_entry e where not exists"
                                + " (select 1 from registry_import s where s.external_id = e.external_id)");
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

    /** Applies the staged file as one new version; {@code preview} is its {@link #preview}, read under the same lock. */
    private ImportResult apply(Connection connection, ImportMode mode, Caller caller, ImportResult preview)
            throws SQLException {
        long version =
                nextVersion(connection, caller, mode == ImportMode.REPLACE ? "IMPORT_REPLACE" : "IMPORT_UPSERT", null);
        int added = update(
                connection,
                "insert into registry_entry_history (external_id, registry_version, change, content)"
                        + " select s.external_id, ?, 'ADDED', " + contentJson("s") + " from registry_import s"
                        + " join registry_import_change c on c.external_id = s.external_id where c.change = 'A'",
                version);
        int updated = update(
                connection,
                "insert into registry_entry_history (external_id, registry_version, change, content)"
                        + " select s.external_id, ?, 'UPDATED', " + contentJson("s") + " from registry_import s"
                        + " join registry_import_change c on c.external_id = s.external_id where c.change = 'U'",
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
        // the unchanged records are left out: the registry already holds them as they are
        update(
                connection,
                "insert into registry_entry (" + ENTRY_COLUMNS + ", created_version, updated_version)"
                        + " select " + ENTRY_COLUMNS + ", ?, ? from registry_import where external_id in"
                        + " (select external_id from registry_import_change where change <> 'N')"
                        + UPSERT_SET
                        + " where registry_entry.content_hash <> excluded.content_hash",
                version,
                version);
        int unchanged = preview.unchanged();
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
}
