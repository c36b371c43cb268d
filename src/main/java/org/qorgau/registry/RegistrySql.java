package org.qorgau.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.registry.api.RegistryVersionView;
import org.qorgau.security.Caller;

/**
 * The SQL every registry change shares: the entry columns, the version row each change opens and closes under the
 * lock on {@code registry_head}, the entries' history, and the reads of an entry by its columns' names. Plain JDBC on
 * the change's own connection, so a change and its audit event commit or roll back together.
 */
final class RegistrySql {

    /** Rows per page while {@link #contentHash} reads the registry. */
    private static final int CONTENT_HASH_PAGE = 10_000;

    static final String ENTRY_COLUMNS = "external_id, full_name, aliases, date_of_birth, photo_hashes,"
            + " offence, conviction_date, region, source_url, content_hash";

    /** Replaces an existing entry's content with the incoming row's ({@code excluded}). */
    static final String UPSERT_SET = " on conflict (external_id) do update set full_name = excluded.full_name,"
            + " aliases = excluded.aliases, date_of_birth = excluded.date_of_birth,"
            + " photo_hashes = excluded.photo_hashes, offence = excluded.offence,"
            + " conviction_date = excluded.conviction_date, region = excluded.region,"
            + " source_url = excluded.source_url, content_hash = excluded.content_hash,"
            + " updated_version = excluded.updated_version";

    private RegistrySql() {}

    static String contentJson(String alias) {
        return "jsonb_build_object('externalId', " + alias + ".external_id, 'fullName', " + alias + ".full_name,"
                + " 'aliases', " + alias + ".aliases, 'dateOfBirth', " + alias + ".date_of_birth, 'photoHashes', "
                + alias + ".photo_hashes, 'offence', " + alias + ".offence, 'convictionDate', " + alias
                + ".conviction_date, 'region', " + alias + ".region, 'sourceUrl', " + alias + ".source_url)";
    }

    /** Locks the registry head and opens a new version row (counts filled in by {@link #finishVersion}). */
    static long nextVersion(Connection connection, Caller caller, String kind, String reason) throws SQLException {
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

    /**
     * Fills in the version's counts, entry count and content hash. A version that changed nothing has its
     * predecessor's entry count and content hash; any other has {@link #contentHash}'s, read in this transaction.
     */
    static void finishVersion(Connection connection, long version, int added, int updated, int removed, int unchanged)
            throws SQLException {
        RegistryContent previous = added + updated + removed == 0 ? previousContent(connection, version) : null;
        RegistryContent content = previous != null ? previous : contentHash(connection);
        try (PreparedStatement statement = connection.prepareStatement("update registry_version set added = ?,"
                + " updated = ?, removed = ?, unchanged = ?, entry_count = ?, content_hash = ? where version = ?")) {
            statement.setInt(1, added);
            statement.setInt(2, updated);
            statement.setInt(3, removed);
            statement.setInt(4, unchanged);
            statement.setInt(5, content.entries());
            statement.setString(6, content.hash());
            statement.setLong(7, version);
            statement.executeUpdate();
        }
    }

    /** The entry count and content hash of the version before {@code version}; null when there is none. */
    private static RegistryContent previousContent(Connection connection, long version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select entry_count, content_hash"
                + " from registry_version where version < ? and content_hash <> '' order by version desc limit 1")) {
            statement.setLong(1, version);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new RegistryContent(rs.getInt("entry_count"), rs.getString("content_hash")) : null;
            }
        }
    }

    /** The registry's entry count and content hash as this transaction sees it. */
    record RegistryContent(int entries, String hash) {}

    /**
     * SHA-256 over the registry's {@code externalId:entryHash} lines, sorted by external id in code point order and
     * joined by newlines (UTF-8): what {@code GET /v1/registry/versions} reports as {@code contentHash}. The pairs are
     * read in pages from an index that holds them in that order ({@code registry_entry_content}), each page after the
     * last id of the one before, and hashed here, rather than built into one text of 76 MB (at 1,000,000 entries) and
     * sorted in SQL. The caller holds the registry head's lock, which every change of an entry takes first, so the
     * pages together see one state of the registry. Plain pages rather than a cursor: a cursor's fetches take other
     * paths through the driver than the checks' queries, and the first of them undid the compiled code the checks were
     * running on.
     */
    static RegistryContent contentHash(Connection connection) throws SQLException {
        return contentHash(connection, CONTENT_HASH_PAGE);
    }

    /** As {@link #contentHash(Connection)}, {@code pageSize} pairs per query. */
    static RegistryContent contentHash(Connection connection, int pageSize) throws SQLException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int entries = 0;
        try (PreparedStatement statement = connection.prepareStatement("select external_id, content_hash"
                + " from registry_entry where external_id collate \"C\" > ?"
                + " order by external_id collate \"C\" limit " + pageSize)) {
            String after = "";
            int page;
            do {
                page = 0;
                statement.setString(1, after);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        if (entries++ > 0) {
                            sha256.update((byte) '\n');
                        }
                        // the columns' text as the connection receives it, UTF-8, without decoding it
                        byte[] id = rs.getBytes("external_id");
                        sha256.update(id);
                        sha256.update((byte) ':');
                        sha256.update(rs.getBytes("content_hash"));
                        if (++page == pageSize) {
                            after = new String(id, StandardCharsets.UTF_8);
                        }
                    }
                }
            } while (page == pageSize);
        }
        return new RegistryContent(entries, HexFormat.of().formatHex(sha256.digest()));
    }

    static void bindEntry(PreparedStatement statement, ValidEntry valid) throws SQLException {
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

    static void history(
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

    static Optional<String> currentHash(Connection connection, String externalId, boolean lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select content_hash from registry_entry where external_id = ?" + (lock ? " for update" : ""))) {
            statement.setString(1, externalId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString("content_hash")) : Optional.empty();
            }
        }
    }

    /** Reads the entry columns ({@link #ENTRY_COLUMNS}, by name) of the current row. */
    static RegistryEntry readEntry(ResultSet rs) throws SQLException {
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

    private static List<String> stringList(String json) {
        var node = org.qorgau.common.CanonicalJson.parse(json);
        List<String> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(item.asText()));
        return List.copyOf(list);
    }

    /** Versions, newest first, before {@code before} (all when null). */
    static List<RegistryVersionView> versions(Connection connection, int limit, Long before) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select version, created_at,"
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
        }
    }

    /** The current registry version (0 before the first import). */
    static long currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select version from registry_head where id = 1")) {
            rs.next();
            return rs.getLong("version");
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt("n");
        }
    }
}
