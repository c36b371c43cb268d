package org.qorgau.screening;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestClock;
import org.qorgau.support.TestTokens;

@QuarkusTest
@TestProfile(QuotaTest.SmallQuota.class)
class QuotaTest {

    /** Two checks a minute for one organisation; three a minute for any one token subject. */
    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "qorgau.quota.per-org.\"quota-org\"", "2",
                    "qorgau.quota.checks-per-minute-per-subject", "3");
        }
    }

    @Test
    void shouldAnswer429ToOneTokenSubjectWhileOthersOfTheSameOrganisationGoOn() {
        String org = uniqueId("subject-quota");
        String first = TestTokens.token("screener", org, "scraper@" + org);
        for (int i = 0; i < 3; i++) {
            as(first)
                    .contentType("application/json")
                    .body(checkJson("Subject Quota Person", "1991-01-0" + (i + 1)))
                    .post("/v1/checks")
                    .then()
                    .statusCode(201);
        }
        as(first)
                .contentType("application/json")
                .body(checkJson("Subject Quota Person", "1991-01-04"))
                .post("/v1/checks")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("account"));
        // a batch counts each item against the subject too
        as(first)
                .contentType("application/json")
                .body("{\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"c\",\"candidates\":[{\"fullName\":\"B"
                        + " C\",\"dateOfBirth\":\"1980\"}]}")
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo(429));
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_org = ?"
                                + " and outcome ->> 'scope' = 'subject' and actor_subject = ? and query ->> 'reason'"
                                + " = 'quota' and outcome ->> 'requested' = '1' and sequence = (select max(sequence)"
                                + " from audit_event where type = 'ACCESS_REFUSED' and actor_org = ? and"
                                + " outcome ->> 'scope' = 'subject')",
                        org,
                        "scraper@" + org,
                        org));
        // the refused check and batch item took nothing from the organisation's count either
        assertEquals(3, Db.count(dataSource, "select coalesce(sum(used), 0) from quota_usage where org = ?", org));
        // the organisation's other screener still has their own allowance
        as(TestTokens.token("screener", org, "colleague@" + org))
                .contentType("application/json")
                .body(checkJson("Subject Quota Person", "1991-01-05"))
                .post("/v1/checks")
                .then()
                .statusCode(201);
    }

    @Test
    void shouldLeaveEveryPooledConnectionCommittingDurablyAfterCountingAndRefusing() throws SQLException {
        String screener = TestTokens.screener("quota-org");
        for (int i = 0; i < 3; i++) { // two counted, the third refused (and its refusal audited)
            as(screener)
                    .contentType("application/json")
                    .body(checkJson("Durable Quota Person", "1992-01-0" + (i + 1)))
                    .post("/v1/checks")
                    .then()
                    .statusCode(i < 2 ? 201 : 429);
        }
        // the counts commit without waiting for the disk, in their own transaction only: a connection back in the pool
        // must not carry that into the next check's audit commit. Every connection the pool holds is asked at once.
        int size = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
        List<Connection> held = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                held.add(dataSource.getConnection());
            }
            for (Connection connection : held) {
                try (Statement show = connection.createStatement();
                        ResultSet rs = show.executeQuery("show synchronous_commit")) {
                    rs.next();
                    settings.add(rs.getString(1));
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertEquals(Collections.nCopies(size, "on"), settings);
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    /** Each test starts at the beginning of a quota window no other test (or run) has used: no waiting for one. */
    @BeforeEach
    void freshWindow() {
        long minute = Instant.now().getEpochSecond() / 60 + 1_000_000 + WINDOWS.incrementAndGet() * 10;
        clock.fixAt(Instant.ofEpochSecond(minute * 60 + 1));
    }

    @AfterEach
    void systemTime() {
        clock.reset();
    }

    private static final AtomicLong WINDOWS = new AtomicLong();

    @Test
    void shouldAnswer429WithRetryAfterOnceTheOrganisationsQuotaIsUsedAndAuditIt() {
        String screener = TestTokens.screener("quota-org");
        for (int i = 0; i < 2; i++) {
            as(screener)
                    .contentType("application/json")
                    .body(checkJson("Quota Person", "1990-01-0" + (i + 1)))
                    .post("/v1/checks")
                    .then()
                    .statusCode(201);
        }
        long refusedBefore = Db.count(
                dataSource,
                "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_org = 'quota-org'"
                        + " and outcome ->> 'status' = '429'");
        String retryAfter = as(screener)
                .contentType("application/json")
                .body(checkJson("Quota Person", "1990-01-03"))
                .post("/v1/checks")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .extract()
                .header("Retry-After");
        // one second into the window: the next one starts in 59 s
        assertEquals("59", retryAfter);
        assertEquals(
                refusedBefore + 1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_org = 'quota-org'"
                                + " and outcome ->> 'status' = '429'"));
        // another organisation is unaffected
        as(TestTokens.screener("quota-other"))
                .contentType("application/json")
                .body(checkJson("Quota Person", "1990-01-03"))
                .post("/v1/checks")
                .then()
                .statusCode(201);
    }
}
