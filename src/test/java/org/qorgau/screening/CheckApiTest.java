package org.qorgau.screening;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.checked;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.registered;
import static org.qorgau.support.Api.uniqueSurname;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class CheckApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchingIndex index;

    @Test
    void shouldAnswerMatchWithEvidenceEntryAndAuditRecord() {
        String id = registered(index, "Жумабеков Ерлан Серикович", "1971-05-02");
        String checkId = as(TestTokens.screener("school-1"))
                .contentType("application/json")
                .body(checkJson("ерлан жумабеков серикович", "1971-05-02"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/checks/"))
                .body("verdict", equalTo("MATCH"))
                .body("registryVersion", greaterThan(0))
                .body("engineVersion", notNullValue())
                .body("matches.externalId", hasItem(id))
                .body("matches[0].explanation.field", hasItem("name"))
                .body("matches[0].entry.fullName", equalTo("Жумабеков Ерлан Серикович"))
                .body("audit.sequence", greaterThan(0))
                .body("audit.hash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .extract()
                .path("checkId");
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'CHECK_PERFORMED' and check_id = ?",
                        UUID.fromString(checkId)));
    }

    @Test
    void shouldAnswerNoMatchWithoutRegistryDataForANamesakeWithAnotherBirthDate() {
        registered(index, "Садыкова Айгуль Нурлановна", "1985-01-20");
        as(TestTokens.screener("school-1"))
                .contentType("application/json")
                .body(checkJson("Садыкова Айгуль Нурлановна", "1962-09-11"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", equalTo("NO_MATCH"))
                .body("matches", empty());
    }

    @Test
    void shouldNameACheckAndItsAuditEventWithIdsThatStartWithTheirTime() {
        var answer = as(TestTokens.screener("school-1"))
                .contentType("application/json")
                .body(checkJson("Тлеубаев Марат Канатович", "1990-03-14"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        UUID checkId = UUID.fromString(answer.getString("checkId"));
        assertEquals(7, checkId.version());
        assertEquals(
                java.time.Instant.parse(answer.getString("createdAt")).toEpochMilli(),
                checkId.getMostSignificantBits() >>> 16);
        long eventMillis = Db.count(
                dataSource,
                "select floor(extract(epoch from occurred_at) * 1000)::bigint from audit_event where check_id = ?",
                checkId);
        String eventId = Db.text(dataSource, "select event_id::text from audit_event where check_id = ?", checkId);
        assertEquals(7, UUID.fromString(eventId).version());
        assertEquals(eventMillis, UUID.fromString(eventId).getMostSignificantBits() >>> 16);
    }

    @Test
    void shouldRejectAnInvalidRequestWithEveryFieldErrorAndScreenNothing() {
        long before = Db.count(dataSource, "select count(*) from screening_check");
        as(TestTokens.screener("school-1"))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":\" \",\"dateOfBirth\":\"0000-00-00\",\"photoHash\":\"xyz\"},"
                        + "\"purpose\":\"FUN\"}")
                .post("/v1/checks")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("candidate.fullName"))
                .body("errors.field", hasItem("candidate.dateOfBirth"))
                .body("errors.field", hasItem("candidate.photoHash"))
                .body("errors.field", hasItem("purpose"))
                .body("errors.field", hasItem("consentReference"));
        assertEquals(before, Db.count(dataSource, "select count(*) from screening_check"));
    }

    @Test
    void shouldAnswer400ForMalformedJsonAndWrongTypes() {
        as(TestTokens.screener("school-1"))
                .contentType("application/json")
                .body("{\"candidate\":")
                .post("/v1/checks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as(TestTokens.screener("school-1"))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":[1,2]},\"purpose\":\"EMPLOYMENT\"}")
                .post("/v1/checks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldReplayTheSameAnswerForTheSameIdempotencyKeyAndRefuseAnotherBody() {
        String key = UUID.randomUUID().toString();
        String first = as(TestTokens.screener("school-2"))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(checkJson("Idem Potent", "1990-01-01"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .path("checkId");
        long events = Db.count(dataSource, "select count(*) from audit_event where type = 'CHECK_PERFORMED'");
        as(TestTokens.screener("school-2"))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(checkJson("Idem Potent", "1990-01-01"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("checkId", equalTo(first));
        assertEquals(events, Db.count(dataSource, "select count(*) from audit_event where type = 'CHECK_PERFORMED'"));
        as(TestTokens.screener("school-2"))
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(checkJson("Someone Else", "1990-01-01"))
                .post("/v1/checks")
                .then()
                .statusCode(422);
    }

    @Test
    void shouldReturn404ForAnotherOrganisationsCheckLikeAnUnknownOne() {
        String checkId = as(TestTokens.screener("school-3"))
                .contentType("application/json")
                .body(checkJson("Own Org", "1991"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .path("checkId");
        as(TestTokens.screener("school-3")).get("/v1/checks/" + checkId).then().statusCode(200);
        as(TestTokens.reviewer("school-3")).get("/v1/checks/" + checkId).then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/checks/" + checkId).then().statusCode(200);
        String otherOrg = as(TestTokens.screener("school-4"))
                .get("/v1/checks/" + checkId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .extract()
                .path("detail");
        String unknown = as(TestTokens.screener("school-4"))
                .get("/v1/checks/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .extract()
                .path("detail");
        assertEquals(unknown, otherOrg);
        as(TestTokens.screener("school-4")).get("/v1/checks/not-a-uuid").then().statusCode(404);
        as(TestTokens.screener("school-4"))
                .get("/v1/checks")
                .then()
                .statusCode(200)
                .body("checks.checkId", org.hamcrest.Matchers.not(hasItem(checkId)));
        as(TestTokens.screener("school-3"))
                .get("/v1/checks?limit=500")
                .then()
                .statusCode(200)
                .body("checks.checkId", hasItem(checkId));
    }

    @Test
    void shouldAuditEveryReadOfACheck() {
        String checkId = as(TestTokens.screener("school-5"))
                .contentType("application/json")
                .body(checkJson("Read Me", "1992"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .path("checkId");
        as(TestTokens.screener("school-5")).get("/v1/checks/" + checkId).then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/checks/" + checkId).then().statusCode(200);
        assertEquals(
                2,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'CHECK_VIEWED' and check_id = ?",
                        UUID.fromString(checkId)));
    }

    @Test
    void shouldRefuseATokenWithoutOrganisation() {
        String token = io.smallrye.jwt.build.Jwt.issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE)
                .subject("orgless")
                .groups("screener")
                .expiresIn(600)
                .sign();
        as(token)
                .contentType("application/json")
                .body(checkJson("No Org", "1990"))
                .post("/v1/checks")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("org"));
    }

    @Test
    void shouldNotLeakPersonalDataInValidationMessages() {
        as(TestTokens.screener("school-6"))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":\"Secret Person\",\"dateOfBirth\":\"1990-13-45\"},"
                        + "\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"c\"}")
                .post("/v1/checks")
                .then()
                .statusCode(422)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Secret")))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("1990-13-45")));
    }

    @Test
    void shouldReportTheMatchOnlyAfterTheIndexSawTheImport() {
        registered(index, "Index Visible", "1999-09-09");
        as(TestTokens.screener("school-7"))
                .contentType("application/json")
                .body(checkJson("Index Visible", "1999-09-09"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches", hasSize(1))
                .body("matches[0].entry.region", nullValue());
    }

    @Test
    void shouldAnswerWithTheEntryAsOfTheScreenedVersionAfterItChanged() {
        String name = "Vera " + uniqueSurname();
        String id = registered(index, name, "1975-03-04");
        String token = TestTokens.screener("school-8");
        var before = checked(token, name, "1975-03-04");
        assertEquals(id, before.path("matches[0].externalId"));
        assertEquals("UK RK 121", before.path("matches[0].entry.offence"));

        importNdjson("upsert", entryJson(id, name, "1975-03-04", "UK RK 124"))
                .then()
                .statusCode(200);
        index.refresh();
        var after = checked(token, name, "1975-03-04");
        assertEquals("UK RK 124", after.path("matches[0].entry.offence"), "the changed entry, not the one remembered");
        assertTrue(after.<Integer>path("registryVersion") > before.<Integer>path("registryVersion"));
        // the earlier check still reads as it was answered
        as(token)
                .get("/v1/checks/" + before.path("checkId"))
                .then()
                .statusCode(200)
                .body("matches[0].entry.offence", equalTo("UK RK 121"));
    }
}
