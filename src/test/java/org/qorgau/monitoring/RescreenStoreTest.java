package org.qorgau.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Api;

/**
 * {@link RescreenStore#advance}: the people found due and those found unaffected are marked in one statement each —
 * only the people named, only forward — all or nothing with the cursor, and not at all once the lease is lost.
 *
 * <p>The rows are of people already unenrolled (the running service's re-screen rounds do not read them; {@code
 * advance} marks whom it is told). The cursor is leased by the test and advanced to where it stands, so the service's
 * own rounds lose nothing. {@code -Dadvance.rows=100000} times {@code advance} at that many people.
 */
@QuarkusTest
class RescreenStoreTest {

    @Inject
    RescreenStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldMarkOnlyThePeopleNamedAndOnlyForward() throws Exception {
        String org = Api.uniqueId("advance");
        String owner = "test-" + UUID.randomUUID();
        RescreenStore.Lease lease = lease(owner);
        long v = lease.registryVersion();
        UUID dueFresh = insert(org, v - 1, null);
        UUID dueLater = insert(org, v + 10, v + 5); // already due later and screened further: untouched
        UUID dueEarlier = insert(org, v - 1, v - 2);
        UUID screenedBehind = insert(org, v - 1, null);
        UUID screenedAhead = insert(org, v + 3, null); // already screened further: untouched
        UUID other = insert(org, v - 1, null); // not named: untouched

        assertTrue(store.advance(
                owner,
                v,
                lease.engineVersion(),
                false,
                List.of(dueFresh, dueLater, dueEarlier),
                List.of(screenedBehind, screenedAhead)));

        assertRow(dueFresh, v, v, 1);
        assertRow(dueLater, v + 10, v + 5, 0);
        assertRow(dueEarlier, v, v, 1);
        assertRow(screenedBehind, v, null, 1);
        assertRow(screenedAhead, v + 3, null, 0);
        assertRow(other, v - 1, null, 0);
    }

    @Test
    void shouldMarkNothingOnceTheLeaseIsLost() throws Exception {
        String org = Api.uniqueId("advance");
        String owner = "test-" + UUID.randomUUID();
        RescreenStore.Lease lease = lease(owner);
        long v = lease.registryVersion();
        UUID due = insert(org, v - 1, null);
        UUID screened = insert(org, v - 1, null);
        assertTrue(store.advance(owner, v, lease.engineVersion(), false, List.of(), List.of())); // lease ends

        assertFalse(store.advance(owner, v, lease.engineVersion(), false, List.of(due), List.of(screened)));

        assertRow(due, v - 1, null, 0);
        assertRow(screened, v - 1, null, 0);
    }

    @Test
    void shouldMarkManyMorePeopleThanOneParameterListHolds() throws Exception {
        int rows = Integer.getInteger("advance.rows", 12_000);
        String org = Api.uniqueId("advance");
        String owner = "test-" + UUID.randomUUID();
        long v = lease(owner).registryVersion();
        List<UUID> ids = insertMany(org, rows, v - 1);
        int dueCount = rows / 30; // about the share a 10,000-entry upsert made due at 100,000 people
        List<UUID> due = ids.subList(0, dueCount);
        List<UUID> screened = ids.subList(dueCount, rows);
        RescreenStore.Lease lease = lease(owner);

        long started = System.nanoTime();
        assertTrue(store.advance(owner, v, lease.engineVersion(), false, due, screened));
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf(
                Locale.ROOT,
                "advance: %d due and %d unaffected people marked in %d ms (load average %s)%n",
                due.size(),
                screened.size(),
                millis,
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                        .trim());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select count(*) filter (where screened_version = ?), count(*) filter (where due_version = ?)"
                                + " from monitored_person where org = ?")) {
            statement.setLong(1, v);
            statement.setLong(2, v);
            statement.setString(3, org);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next());
                assertEquals(rows, result.getInt(1));
                assertEquals(dueCount, result.getInt(2));
            }
        }
    }

    /** The cursor, leased to {@code owner} once the service's own round lets go of it. */
    private RescreenStore.Lease lease(String owner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Instant now = Instant.now();
            var lease = store.leaseCursor(owner, now, now.plus(Duration.ofMinutes(2)));
            if (lease.isPresent()) {
                return lease.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cursor was never free");
            }
            Thread.sleep(100);
        }
    }

    private static final String INSERT = "insert into monitored_person (id, org, purpose, consent_reference, status,"
            + " last_check_id, last_verdict, baseline, registry_version, engine_version, screened_version, due_version,"
            + " enrolled_at, enrolled_by, ended_at) values (?, ?, 'EMPLOYMENT', 'c', 'NO_NEW_INFORMATION', ?,"
            + " 'NO_MATCH', '', 0, 'test', ?, ?, ?, 'test', ?)";

    private UUID insert(String org, long screenedVersion, Long dueVersion) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT)) {
            bind(statement, id, org, screenedVersion, dueVersion);
            statement.executeUpdate();
        }
        return id;
    }

    private List<UUID> insertMany(String org, int rows, long screenedVersion) throws SQLException {
        List<UUID> ids = new ArrayList<>(rows);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < rows; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                bind(statement, id, org, screenedVersion, null);
                statement.addBatch();
                if (i % 1_000 == 999) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
        }
        return ids;
    }

    private static void bind(PreparedStatement statement, UUID id, String org, long screenedVersion, Long dueVersion)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        statement.setObject(1, id);
        statement.setString(2, org);
        statement.setObject(3, UUID.randomUUID());
        statement.setLong(4, screenedVersion);
        statement.setObject(5, dueVersion, java.sql.Types.BIGINT);
        statement.setTimestamp(6, now);
        statement.setTimestamp(7, now);
    }

    private void assertRow(UUID id, long screenedVersion, Long dueVersion, long rowVersion) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select screened_version, due_version, row_version from monitored_person where id = ?")) {
            statement.setObject(1, id);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next());
                assertEquals(screenedVersion, result.getLong(1), "screened version of " + id);
                Long due = (Long) result.getObject(2);
                if (dueVersion == null) {
                    assertNull(due, "due version of " + id);
                } else {
                    assertEquals(dueVersion, due, "due version of " + id);
                }
                assertEquals(rowVersion, result.getLong(3), "row version of " + id);
            }
        }
    }
}
