package org.qorgau.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qorgau.common.Reads;
import org.qorgau.matching.RegistryPerson;
import org.qorgau.registry.api.RegistryEntry;

/**
 * What other capabilities read of the registry: the matching fields of every entry (plain JDBC with a large fetch
 * size: a million rows at national scale), what changed since a version, and entries as they were at a version. Each
 * read of several statements runs in one REPEATABLE READ snapshot, so its version and its content agree.
 */
@ApplicationScoped
public class RegistryReader {

    private static final String PERSON_COLUMNS =
            "external_id, full_name, aliases::text, date_of_birth, photo_hashes::text";

    /** Every entry's matching fields at {@code version}. */
    public record Everything(long version, List<RegistryPerson> people) {}

    /**
     * What changed after a version.
     *
     * @param version the head version now
     * @param changed entries added or changed since
     * @param hidden ids whose earlier content no longer holds (changed or removed)
     * @param size the number of entries now
     */
    public record Changes(long version, List<RegistryPerson> changed, Set<String> hidden, int size) {}

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public RegistryReader(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The registry's current version. */
    public long headVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return headVersion(connection);
        }
    }

    /** Every entry's matching fields, and the version they belong to. */
    public Everything everything() throws SQLException {
        List<RegistryPerson> people = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            long version = inSnapshot(connection, () -> {
                try (PreparedStatement statement =
                        connection.prepareStatement("select " + PERSON_COLUMNS + " from registry_entry")) {
                    statement.setFetchSize(20_000);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            people.add(person(rs));
                        }
                    }
                }
            });
            return new Everything(version, people);
        }
    }

    /** The entries changed or removed after {@code since}. */
    public Changes changesSince(long since) throws SQLException {
        List<RegistryPerson> changed = new ArrayList<>();
        Set<String> hidden = new HashSet<>();
        int[] size = new int[1];
        try (Connection connection = dataSource.getConnection()) {
            long version = inSnapshot(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "select " + PERSON_COLUMNS + " from registry_entry where updated_version > ?")) {
                    statement.setLong(1, since);
                    statement.setFetchSize(10_000);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            RegistryPerson person = person(rs);
                            changed.add(person);
                            hidden.add(person.externalId());
                        }
                    }
                }
                if (removedSince(connection, since)) {
                    try (PreparedStatement statement =
                            connection.prepareStatement("select distinct external_id from registry_entry_history"
                                    + " where registry_version > ? and change = 'REMOVED'")) {
                        statement.setLong(1, since);
                        try (ResultSet rs = statement.executeQuery()) {
                            while (rs.next()) {
                                hidden.add(rs.getString("external_id"));
                            }
                        }
                    }
                }
                try (PreparedStatement statement =
                                connection.prepareStatement("select count(*) as entries from registry_entry");
                        ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    size[0] = rs.getInt("entries");
                }
            });
            return new Changes(version, changed, hidden, size[0]);
        }
    }

    /**
     * The full entries of {@code ids} as they were at registry {@code version} (from the registry history, so a check
     * reports the version it screened against even when an entry changed since); an id absent at that version is
     * absent from the map. A read to run with a check's other reads in one round trip ({@link Reads}); {@code ids}
     * not empty.
     */
    public Reads.Read<Map<String, RegistryEntry>> entriesAt(long version, Collection<String> ids) {
        return Reads.read(
                "select distinct on (external_id) external_id, change, content::text as content"
                        + " from registry_entry_history where external_id = any(?) and registry_version <= ?"
                        + " order by external_id, id desc",
                rs -> {
                    Map<String, RegistryEntry> found = new HashMap<>();
                    while (rs.next()) {
                        if (!"REMOVED".equals(rs.getString("change"))) {
                            found.put(rs.getString("external_id"), entry(rs.getString("content")));
                        }
                    }
                    return found;
                },
                ids,
                version);
    }

    private RegistryEntry entry(String content) {
        try {
            return json.readValue(content, RegistryEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registry history content unreadable", e);
        }
    }

    /** The version that last changed each of {@code ids} that is in the registry now (a removed id is absent). */
    public Map<String, Long> entryVersions(Collection<String> ids) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        if (ids.isEmpty()) {
            return versions;
        }
        try (Connection connection = dataSource.getConnection()) {
            Array array = connection.createArrayOf("varchar", ids.toArray());
            try (PreparedStatement statement = connection.prepareStatement(
                    "select external_id, updated_version from registry_entry where external_id = any(?)")) {
                statement.setArray(1, array);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        versions.put(rs.getString("external_id"), rs.getLong("updated_version"));
                    }
                }
            } finally {
                array.free();
            }
        }
        return versions;
    }

    private static boolean removedSince(Connection connection, long version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select coalesce(sum(removed), 0) as removed from registry_version where version > ?")) {
            statement.setLong(1, version);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong("removed") > 0;
            }
        }
    }

    @FunctionalInterface
    private interface SnapshotWork {
        void run() throws SQLException;
    }

    /** Runs {@code reads} in one REPEATABLE READ transaction and returns the registry version it saw. */
    private static long inSnapshot(Connection connection, SnapshotWork reads) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            long version = headVersion(connection);
            reads.run();
            connection.commit();
            return version;
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(true);
        }
    }

    private static RegistryPerson person(ResultSet rs) throws SQLException {
        return new RegistryPerson(
                rs.getString("external_id"),
                rs.getString("full_name"),
                JsonStrings.parse(rs.getString("aliases")),
                rs.getString("date_of_birth"),
                JsonStrings.parse(rs.getString("photo_hashes")));
    }

    private static long headVersion(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("select version from registry_head where id = 1");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong("version");
        }
    }
}
