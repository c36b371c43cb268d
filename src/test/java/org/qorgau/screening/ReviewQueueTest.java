package org.qorgau.screening;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.registered;
import static org.qorgau.support.Api.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

@QuarkusTest
class ReviewQueueTest {

    @Inject
    MatchingIndex index;

    private static String check(String org, String name, String dateOfBirth) {
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, dateOfBirth))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", not(equalTo("NO_MATCH")))
                .extract()
                .path("checkId");
    }

    private static Response decide(String org, String checkId, String externalId, String decision, String supersedes) {
        return as(TestTokens.reviewer(org))
                .contentType("application/json")
                .body("{\"externalId\":\"" + externalId + "\",\"decision\":\"" + decision
                        + "\",\"reason\":\"Compared with the identity document\""
                        + (supersedes == null ? "" : ",\"supersedes\":\"" + supersedes + "\"") + "}")
                .post("/v1/checks/" + checkId + "/reviews");
    }

    @Test
    void shouldListUndecidedChecksOldestFirstAndDropADecidedOne() {
        String org = uniqueId("queue-org");
        String first = registered(index, "Omarov Serik Kanatovich", "1971-03-14");
        String second = registered(index, "Zhakupova Aigul Maratovna", "1983-07-02");
        String older = check(org, "Omarov Serik Kanatovich", "1971-03-14");
        String newer = check(org, "Zhakupova Aigul Maratovna", "1983-07-02");
        as(TestTokens.reviewer(org))
                .get("/v1/reviews/queue")
                .then()
                .statusCode(200)
                .body("items.checkId", contains(older, newer))
                .body("items[0].pending.externalId", contains(first))
                .body("items[1].pending.externalId", contains(second));
        // another organisation's reviewer sees none of them
        as(TestTokens.reviewer(uniqueId("queue-other")))
                .get("/v1/reviews/queue")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("nextCursor", nullValue());

        decide(org, older, first, "NOT_SAME_PERSON", null).then().statusCode(201);
        as(TestTokens.reviewer(org))
                .get("/v1/reviews/queue")
                .then()
                .statusCode(200)
                .body("items.checkId", contains(newer));
        // a re-screen of the decided candidate does not ask again
        check(org, "Omarov Serik Kanatovich", "1971-03-14");
        as(TestTokens.reviewer(org))
                .get("/v1/reviews/queue")
                .then()
                .statusCode(200)
                .body("items.checkId", contains(newer));
    }

    @Test
    void shouldPageTheQueueWithACursor() {
        String org = uniqueId("queue-page");
        registered(index, "Tulegenov Berik", "1969-12-01");
        String a = check(org, "Tulegenov Berik", "1969-12-01");
        String b = check(org, "Tulegenov Berik", "1969-12-01");
        Response page = as(TestTokens.reviewer(org)).get("/v1/reviews/queue?limit=1");
        page.then().statusCode(200).body("items.checkId", contains(a));
        String next = page.jsonPath().getString("nextCursor");
        assertNotNull(page.getHeader("Link"));
        assertNotNull(next);
        Response last = as(TestTokens.reviewer(org)).get("/v1/reviews/queue?limit=1&cursor=" + next);
        last.then().statusCode(200).body("items.checkId", contains(b));
        assertNull(last.jsonPath().getString("nextCursor"));
        as(TestTokens.reviewer(org))
                .get("/v1/reviews/queue?cursor=nonsense")
                .then()
                .statusCode(422);
        as(TestTokens.reviewer(org)).get("/v1/reviews/queue?limit=0").then().statusCode(422);
    }

    @Test
    void shouldRefuseTheQueueToOtherRolesAndStrangers() {
        RestAssured.given().get("/v1/reviews/queue").then().statusCode(401);
        as(TestTokens.expired("reviewer")).get("/v1/reviews/queue").then().statusCode(401);
        as(TestTokens.screener("acme")).get("/v1/reviews/queue").then().statusCode(403);
        as(TestTokens.auditor()).get("/v1/reviews/queue").then().statusCode(403);
    }

    @Test
    void shouldKeepOneCurrentDecisionAndRequireAContradictionToNameTheOneItSupersedes() {
        String org = uniqueId("supersede");
        String entry = registered(index, "Abenov Marat", "1977-04-04");
        String checkId = check(org, "Abenov Marat", "1977-04-04");

        Response first = decide(org, checkId, entry, "SAME_PERSON", null);
        first.then().statusCode(201).body("current", equalTo(true)).body("supersedes", nullValue());
        String firstId = first.path("reviewId");
        String firstLocation = first.getHeader("Location");

        // a contradiction that does not name the current decision is refused, and nothing changes
        decide(org, checkId, entry, "NOT_SAME_PERSON", null)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        // naming a decision that is not the current one is refused too
        decide(
                        org,
                        checkId,
                        entry,
                        "NOT_SAME_PERSON",
                        java.util.UUID.randomUUID().toString())
                .then()
                .statusCode(409);

        Response second = decide(org, checkId, entry, "NOT_SAME_PERSON", firstId);
        second.then().statusCode(201).body("supersedes", equalTo(firstId)).body("current", equalTo(true));
        String secondId = second.path("reviewId");

        // the review's Location resolves, and the first decision is now history
        as(TestTokens.reviewer(org))
                .get(firstLocation)
                .then()
                .statusCode(200)
                .body("reviewId", equalTo(firstId))
                .body("decision", equalTo("SAME_PERSON"))
                .body("current", equalTo(false));
        as(TestTokens.auditor())
                .get(second.getHeader("Location"))
                .then()
                .statusCode(200)
                .body("current", equalTo(true))
                .body("audit.hash", notNullValue());

        // agreeing with the current decision needs no name: it is recorded and supersedes it
        decide(org, checkId, entry, "NOT_SAME_PERSON", null)
                .then()
                .statusCode(201)
                .body("supersedes", equalTo(secondId));

        as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(200)
                .body("reviews", hasSize(3))
                .body("reviews.decision", contains("SAME_PERSON", "NOT_SAME_PERSON", "NOT_SAME_PERSON"))
                .body("reviews.current", contains(false, false, true));
        decide(org, checkId, entry, "NOT_SAME_PERSON", "not-a-uuid").then().statusCode(422);
    }

    @Test
    void shouldHideReviewsFromOtherOrganisationsAndRoles() {
        String org = uniqueId("review-owner");
        String entry = registered(index, "Dauletov Nurlan", "1980-08-08");
        String checkId = check(org, "Dauletov Nurlan", "1980-08-08");
        String location = decide(org, checkId, entry, "SAME_PERSON", null).getHeader("Location");
        as(TestTokens.reviewer(uniqueId("stranger"))).get(location).then().statusCode(404);
        as(TestTokens.reviewer(uniqueId("stranger")))
                .get("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(404);
        as(TestTokens.screener(org)).get(location).then().statusCode(403);
        RestAssured.given().get(location).then().statusCode(401);
        as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId + "/reviews/not-a-uuid")
                .then()
                .statusCode(404);
    }
}
