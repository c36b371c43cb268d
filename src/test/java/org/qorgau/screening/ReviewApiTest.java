package org.qorgau.screening;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.registered;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class ReviewApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchingIndex index;

    private String check(String org, String name, String dateOfBirth) {
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, dateOfBirth))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("MATCH"))
                .extract()
                .path("checkId");
    }

    private static String review(String externalId, String decision) {
        return "{\"externalId\":\"" + externalId + "\",\"decision\":\"" + decision
                + "\",\"reason\":\"Different place of birth on the identity document\"}";
    }

    @Test
    void shouldShowAnEarlierNotSamePersonDecisionBesideTheMatchOfALaterCheck() {
        String org = uniqueId("rev-org");
        String externalId = registered(index, "Нуржанов Аскар Болатович", "1974-10-10");
        String first = check(org, "Нуржанов Аскар Болатович", "1974-10-10");
        long reviewsBefore = Db.count(dataSource, "select count(*) from audit_event where type = 'REVIEW_RECORDED'");
        String reviewId = as(TestTokens.reviewer(org))
                .contentType("application/json")
                .body(review(externalId, "NOT_SAME_PERSON"))
                .post("/v1/checks/" + first + "/reviews")
                .then()
                .statusCode(201)
                .body("reviewId", notNullValue())
                .body("decision", equalTo("NOT_SAME_PERSON"))
                .body("audit.sequence", notNullValue())
                .extract()
                .path("reviewId");
        assertEquals(7, UUID.fromString(reviewId).version(), "reviews have time-ordered ids");
        assertEquals(
                reviewsBefore + 1,
                Db.count(dataSource, "select count(*) from audit_event where type = 'REVIEW_RECORDED'"));
        // the same candidate, written in another order and case: still the same normalised name
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson("аскар нуржанов болатович", "1974-10-10"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("MATCH"))
                .body("matches[0].externalId", equalTo(externalId))
                .body("matches[0].priorReviews", hasSize(1))
                .body("matches[0].priorReviews[0].decision", equalTo("NOT_SAME_PERSON"))
                .body("matches[0].priorReviews[0].checkId", equalTo(first))
                .body("matches[0].priorReviews[0].reviewer", equalTo("reviewer-user@" + org))
                .body("matches[0].priorReviews[0].entryChangedSinceReview", equalTo(false));
        // another organisation's decisions are not shown
        as(TestTokens.screener(uniqueId("other-org")))
                .contentType("application/json")
                .body(checkJson("Нуржанов Аскар Болатович", "1974-10-10"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].priorReviews", empty());
    }

    @Test
    void shouldFlagAnEarlierDecisionWhenTheEntryChangedSince() {
        String org = uniqueId("rev-org");
        String externalId = registered(index, "Smagulov Daniyar", "1981-11-11");
        String first = check(org, "Smagulov Daniyar", "1981-11-11");
        as(TestTokens.reviewer(org))
                .contentType("application/json")
                .body(review(externalId, "NOT_SAME_PERSON"))
                .post("/v1/checks/" + first + "/reviews")
                .then()
                .statusCode(201);
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"externalId\":\"" + externalId + "\",\"fullName\":\"Smagulov Daniyar\","
                        + "\"aliases\":[\"Smagulov D.\"],\"dateOfBirth\":\"1981-11-11\",\"offence\":\"UK RK 122\"}")
                .put("/v1/registry/entries/" + externalId)
                .then()
                .statusCode(200);
        index.refresh();
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson("Smagulov Daniyar", "1981-11-11"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("MATCH"))
                .body("matches[0].priorReviews[0].decision", equalTo("NOT_SAME_PERSON"))
                .body("matches[0].priorReviews[0].entryChangedSinceReview", equalTo(true));
    }

    @Test
    void shouldAnswer404ForAnotherOrganisationsCheckAndAuditIt() {
        String externalId = registered(index, "Bekov Ruslan", "1979-09-19");
        String checkId = check("rev-owner", "Bekov Ruslan", "1979-09-19");
        String refusals =
                "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_org = 'rev-stranger'";
        long before = Db.count(dataSource, refusals);
        as(TestTokens.reviewer("rev-stranger"))
                .contentType("application/json")
                .body(review(externalId, "SAME_PERSON"))
                .post("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(404);
        as(TestTokens.reviewer("rev-stranger"))
                .contentType("application/json")
                .body(review(externalId, "SAME_PERSON"))
                .post("/v1/checks/" + UUID.randomUUID() + "/reviews")
                .then()
                .statusCode(404);
        assertEquals(before + 2, Db.count(dataSource, refusals));
        assertEquals(
                0,
                Db.count(dataSource, "select count(*) from check_review where check_id = ?", UUID.fromString(checkId)));
    }

    @Test
    void shouldRejectInvalidReviewsAndWrongRoles() {
        String externalId = registered(index, "Kenzhe Arman", "1985-05-25");
        String checkId = check("rev-valid", "Kenzhe Arman", "1985-05-25");
        as(TestTokens.reviewer("rev-valid"))
                .contentType("application/json")
                .body("{\"externalId\":\"" + externalId + "\",\"decision\":\"MAYBE\"}")
                .post("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.hasItems("decision", "reason"));
        as(TestTokens.reviewer("rev-valid"))
                .contentType("application/json")
                .body(review("NOT-A-MATCH-OF-THIS-CHECK", "NOT_SAME_PERSON"))
                .post("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(422);
        as(TestTokens.screener("rev-valid"))
                .contentType("application/json")
                .body(review(externalId, "NOT_SAME_PERSON"))
                .post("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(403);
        as(TestTokens.auditor())
                .contentType("application/json")
                .body(review(externalId, "NOT_SAME_PERSON"))
                .post("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(review(externalId, "NOT_SAME_PERSON"))
                .post("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(401);
    }
}
