package org.qorgau.security;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

/**
 * Broken object-level authorisation (OWASP API1): organisation B, holding valid tokens of every organisation-bound
 * role, tries to reach organisation A's objects through every endpoint that takes an id, an organisation filter, a
 * subject filter, a cursor or an idempotency key. Each attempt looks exactly like asking for something that does not
 * exist, changes nothing, and A's own access (the control) works.
 */
@QuarkusTest
class ObjectLevelAuthorisationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchingIndex index;

    String orgA;
    String orgB;
    String externalId;
    String checkA;
    String name;

    @BeforeEach
    void organisationAHasACheckAndAReview() {
        orgA = uniqueId("bola-a");
        orgB = uniqueId("bola-b");
        externalId = uniqueId("BOLA");
        // a name of this test's own: people registered once per test under one given name, patronymic and birthday
        // would all be reviews for the next check, and six of them make it too broad to answer
        name = uniqueSurname() + " " + uniqueSurname();
        importNdjson("upsert", entryJson(externalId, name, "1969-06-06")).then().statusCode(200);
        index.refresh();
        checkA = as(TestTokens.screener(orgA))
                .contentType("application/json")
                .body(checkJson(name, "1969-06-06"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("MATCH"))
                .extract()
                .path("checkId");
        as(TestTokens.reviewer(orgA))
                .contentType("application/json")
                .body(review("NOT_SAME_PERSON"))
                .post("/v1/checks/" + checkA + "/reviews")
                .then()
                .statusCode(201);
    }

    private String review(String decision) {
        return "{\"externalId\":\"" + externalId + "\",\"decision\":\"" + decision
                + "\",\"reason\":\"Identity document shows another mother's name\"}";
    }

    @Test
    void shouldAnswerAnotherOrganisationsCheckExactlyLikeAnUnknownOne() {
        String unknown = "11111111-2222-3333-4444-555555555555";
        for (String token : List.of(TestTokens.screener(orgB), TestTokens.reviewer(orgB))) {
            Response foreign = as(token).get("/v1/checks/" + checkA);
            Response missing = as(token).get("/v1/checks/" + unknown);
            foreign.then().statusCode(404).contentType("application/problem+json");
            missing.then().statusCode(404);
            assertEquals(missing.path("detail"), (String) foreign.path("detail"));
            assertEquals(missing.path("title"), (String) foreign.path("title"));
        }
        as(TestTokens.screener(orgA)).get("/v1/checks/" + checkA).then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/checks/" + checkA).then().statusCode(200);
    }

    @Test
    void shouldNotLetAnotherOrganisationReviewACheckAndRecordNothing() {
        long reviews = Db.count(dataSource, "select count(*) from check_review where check_id = ?::uuid", checkA);
        as(TestTokens.reviewer(orgB))
                .contentType("application/json")
                .body(review("SAME_PERSON"))
                .post("/v1/checks/" + checkA + "/reviews")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertEquals(
                reviews, Db.count(dataSource, "select count(*) from check_review where check_id = ?::uuid", checkA));
        // control: the check's own organisation may review it (agreeing with its current decision; a
        // contradiction would have to name the decision it supersedes)
        as(TestTokens.reviewer(orgA))
                .contentType("application/json")
                .body(review("NOT_SAME_PERSON"))
                .post("/v1/checks/" + checkA + "/reviews")
                .then()
                .statusCode(201);
    }

    @Test
    void shouldIgnoreOrganisationAndActorFiltersThatPointAtAnotherOrganisation() {
        as(TestTokens.screener(orgB))
                .contentType("application/json")
                .body(checkJson("Own Candidate Of B", "1991"))
                .post("/v1/checks")
                .then()
                .statusCode(201);
        for (String token : List.of(TestTokens.screener(orgB), TestTokens.reviewer(orgB))) {
            for (String query : List.of(
                    "",
                    "?org=" + orgA,
                    "?actor=screener-user@" + orgA,
                    "?org=" + orgA + "&actor=screener-user@" + orgA,
                    "?verdict=MATCH&org=" + orgA)) {
                as(token).get("/v1/checks" + query).then().statusCode(200).body("checks.checkId", not(hasItem(checkA)));
            }
            as(token).get("/v1/checks?actor=screener-user@" + orgA).then().body("checks", empty());
        }
        // control: A and the auditor (with A's filter) do see it
        as(TestTokens.screener(orgA)).get("/v1/checks").then().body("checks.checkId", hasItem(checkA));
        as(TestTokens.auditor()).get("/v1/checks?org=" + orgA).then().body("checks.checkId", hasItem(checkA));
    }

    @Test
    void shouldNotLetACursorIssuedToOneOrganisationPageThroughAnother() {
        for (int i = 0; i < 3; i++) {
            as(TestTokens.screener(orgA))
                    .contentType("application/json")
                    .body(checkJson("Paged Candidate " + i, "1980"))
                    .post("/v1/checks")
                    .then()
                    .statusCode(201);
        }
        String cursor = as(TestTokens.screener(orgA))
                .get("/v1/checks?limit=1")
                .then()
                .statusCode(200)
                .extract()
                .path("nextCursor");
        as(TestTokens.screener(orgB))
                .get("/v1/checks?limit=100&cursor=" + cursor)
                .then()
                .statusCode(200)
                .body("checks", empty());
    }

    @Test
    void shouldNeverReplayAnotherOrganisationsAnswerForTheSameIdempotencyKey() {
        String key = uniqueId("shared-key");
        String body = checkJson(name, "1969-06-06");
        String first = as(TestTokens.screener(orgA))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .path("checkId");
        String other = as(TestTokens.screener(orgB))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].priorReviews", empty())
                .extract()
                .path("checkId");
        assertNotEquals(first, other);
        // the same key with another body is A's conflict, not B's
        as(TestTokens.screener(orgB))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("checkId", equalTo(other));

        String batch = "{\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"c\",\"candidates\":[{\"fullName\":"
                + "\"Batch Candidate\",\"dateOfBirth\":\"1985\"}]}";
        String batchA = as(TestTokens.screener(orgA))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(batch)
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .extract()
                .path("batchId");
        String batchB = as(TestTokens.screener(orgB))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(batch)
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .extract()
                .path("batchId");
        assertNotEquals(batchA, batchB);
        String itemOfB = as(TestTokens.screener(orgB))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(batch)
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .body("batchId", equalTo(batchB))
                .extract()
                .path("items[0].check.checkId");
        as(TestTokens.screener(orgA)).get("/v1/checks/" + itemOfB).then().statusCode(404);
    }

    @Test
    void shouldNotShowAnotherOrganisationsReviewsBesideALaterCheck() {
        as(TestTokens.screener(orgB))
                .contentType("application/json")
                .body(checkJson(name, "1969-06-06"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].externalId", equalTo(externalId))
                .body("matches[0].priorReviews", empty());
        // control: A's own later check shows A's decision
        as(TestTokens.screener(orgA))
                .contentType("application/json")
                .body(checkJson(name, "1969-06-06"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].priorReviews[0].checkId", equalTo(checkA));
    }

    @Test
    void shouldKeepTheAuditTrailAndUsageReportForAuditorsEvenWhenAskedForTheCallersOwnOrganisation() {
        for (String token : List.of(TestTokens.screener(orgA), TestTokens.reviewer(orgA), TestTokens.admin())) {
            for (String path : List.of(
                    "/v1/audit/usage?org=" + orgA,
                    "/v1/audit/events?org=" + orgA,
                    "/v1/audit/events?type=CHECK_PERFORMED",
                    "/v1/audit/verify",
                    "/v1/audit/checkpoints")) {
                as(token).get(path).then().statusCode(403).contentType("application/problem+json");
            }
        }
        as(TestTokens.auditor())
                .get("/v1/audit/usage?org=" + orgA)
                .then()
                .statusCode(200)
                .body("organisations.org", equalTo(List.of(orgA)));
    }

    @Test
    void shouldNotLetOrganisationRolesReadOrChangeTheRegistryDirectly() {
        for (String token : List.of(TestTokens.screener(orgB), TestTokens.reviewer(orgB), TestTokens.auditor())) {
            as(token).get("/v1/registry/entries/" + externalId).then().statusCode(403);
            as(token)
                    .contentType("application/json")
                    .body(entryJson(externalId, "Overwritten", "1969"))
                    .put("/v1/registry/entries/" + externalId)
                    .then()
                    .statusCode(403);
            as(token)
                    .delete("/v1/registry/entries/" + externalId + "?reason=x")
                    .then()
                    .statusCode(403);
        }
        as(TestTokens.admin())
                .get("/v1/registry/entries/" + externalId)
                .then()
                .statusCode(200)
                .body("fullName", equalTo(name));
    }
}
