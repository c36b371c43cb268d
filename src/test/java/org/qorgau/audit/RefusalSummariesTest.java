package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

/** Refused requests are audited without letting an anonymous flood grow the audit chain one event per request. */
@QuarkusTest
class RefusalSummariesTest {

    private static final String SUMMARIES_AFTER =
            "select count(*) from audit_event where type = 'ACCESS_REFUSED' and sequence > ?"
                    + " and query ->> 'summary' = 'true'";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RefusalSummaries summaries;

    private long head() {
        return Db.count(dataSource, "select coalesce(max(sequence), 0) from audit_event");
    }

    private long summarisedFor(String path) {
        return Db.count(
                dataSource,
                "select coalesce(sum((query -> 'paths' ->> ?)::bigint), 0) from audit_event"
                        + " where type = 'ACCESS_REFUSED' and query ->> 'summary' = 'true'",
                path);
    }

    private long individualFor(String path) {
        return Db.count(
                dataSource,
                "select count(*) from audit_event where type = 'ACCESS_REFUSED' and query ->> 'resource' = ?",
                path);
    }

    private JsonPath verify() {
        return as(TestTokens.auditor())
                .get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void shouldSummariseAnAnonymousFloodIntoABoundedNumberOfVerifiableEvents() throws InterruptedException {
        summaries.flush(true); // earlier tests' refusals are written now, so they do not count below
        Thread.sleep(200); // individual refusals of earlier tests are written by a worker
        long before = head();
        String path = "/v1/checks/" + UUID.randomUUID();
        int requests = 150;
        for (int i = 0; i < requests; i++) {
            if (i % 3 == 0) {
                RestAssured.given()
                        .header("Authorization", "Bearer not-a-token")
                        .get(path)
                        .then()
                        .statusCode(401);
            } else {
                RestAssured.given().get(path).then().statusCode(401);
            }
        }
        summaries.flush(true);

        long events = Db.count(
                dataSource, "select count(*) from audit_event where type = 'ACCESS_REFUSED' and sequence > ?", before);
        // one summary per source and minute: the flood may straddle a minute boundary, never more
        assertTrue(events >= 1 && events <= 2, requests + " anonymous refusals became " + events + " events");
        assertEquals(events, Db.count(dataSource, SUMMARIES_AFTER, before));
        assertEquals(requests, summarisedFor(path), "every refusal is counted in a summary");
        assertEquals(0, individualFor(path));
        assertEquals(
                requests,
                Db.count(
                        dataSource,
                        "select coalesce(sum((outcome ->> 'count')::bigint), 0) from audit_event"
                                + " where sequence > ? and type = 'ACCESS_REFUSED'",
                        before));
        assertEquals(
                requests / 3,
                Db.count(
                        dataSource,
                        "select coalesce(sum((outcome -> 'reasons' ->> 'invalid-token')::bigint), 0) from audit_event"
                                + " where sequence > ? and type = 'ACCESS_REFUSED'",
                        before));
        assertEquals(
                "anonymous",
                Db.text(
                        dataSource,
                        "select actor_subject from audit_event where sequence > ? and type = 'ACCESS_REFUSED'"
                                + " order by sequence limit 1",
                        before));
        JsonPath verified = verify();
        assertTrue(verified.getBoolean("valid"), verified.prettify());
    }

    @Test
    void shouldAuditAnAuthenticatedSubjectsRefusalsIndividuallyUpToTheBoundThenSummariseThem()
            throws InterruptedException {
        summaries.flush(true);
        String subject = uniqueId("nosy-admin");
        String token = TestTokens.token("registry-admin", "kz-gpo", subject);
        String path = "/v1/checks/" + UUID.randomUUID();
        int requests = 25; // qorgau.audit.refusals.per-subject-individually defaults to 20
        for (int i = 0; i < requests; i++) {
            as(token).get(path).then().statusCode(403);
        }
        String individual = "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_subject = ?"
                + " and query ->> 'resource' = ?";
        long deadline = System.currentTimeMillis() + 10_000;
        long written = 0;
        while (System.currentTimeMillis() < deadline && written < 20) {
            Thread.sleep(50); // individual refusals are written by a worker, after the answer
            written = Db.count(dataSource, individual, subject, path);
        }
        summaries.flush(true);
        long individually = Db.count(dataSource, individual, subject, path);
        long summarised = Db.count(
                dataSource,
                "select coalesce(sum((query -> 'paths' ->> ?)::bigint), 0) from audit_event"
                        + " where type = 'ACCESS_REFUSED' and actor_subject = ? and query ->> 'summary' = 'true'",
                path,
                subject);
        // a flood straddling a minute boundary gets a fresh allowance in the new minute
        assertTrue(individually >= 20 && individually <= requests, "individual events: " + individually);
        assertEquals(requests, individually + summarised);
        assertTrue(verify().getBoolean("valid"));
    }
}
