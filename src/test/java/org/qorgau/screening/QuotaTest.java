package org.qorgau.screening;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
@TestProfile(QuotaTest.SmallQuota.class)
class QuotaTest {

    /** Two checks a minute for one organisation. */
    public static class SmallQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qorgau.quota.per-org.\"quota-org\"", "2");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldAnswer429WithRetryAfterOnceTheOrganisationsQuotaIsUsedAndAuditIt() {
        // stay inside one minute window: the test needs three requests in the same window
        long secondOfMinute = java.time.Instant.now().getEpochSecond() % 60;
        if (secondOfMinute > 50) {
            try {
                Thread.sleep((61 - secondOfMinute) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, retryAfter);
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
