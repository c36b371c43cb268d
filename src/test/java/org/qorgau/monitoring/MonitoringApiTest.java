package org.qorgau.monitoring;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class MonitoringApiTest {

    @Inject
    AgroalDataSource dataSource;

    static String enrolment(String name, String dateOfBirth, String reference) {
        return "{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth + "\"},"
                + "\"purpose\":\"EMPLOYMENT\",\"position\":\"Coach\",\"consentReference\":\"HR-7\""
                + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
    }

    static String enrol(String org, String name, String dateOfBirth, String reference) {
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body(enrolment(name, dateOfBirth, reference))
                .post("/v1/monitored-people")
                .then()
                .statusCode(201)
                .extract()
                .path("monitoredPersonId");
    }

    @Test
    void shouldEnrolWithAFirstAuditedCheckAndShowTheStatus() {
        String org = uniqueId("mon-org");
        var created = as(TestTokens.screener(org))
                .contentType("application/json")
                .body(enrolment("Aliya " + uniqueSurname(), "1990-04-04", "EMP-1"))
                .post("/v1/monitored-people")
                .then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/v1/monitored-people/[0-9a-f-]{36}"))
                .body("status", equalTo("NO_NEW_INFORMATION"))
                .body("lastVerdict", equalTo("NO_MATCH"))
                .body("registryVersion", notNullValue())
                .body("engineVersion", notNullValue())
                .body("enrolledAt", notNullValue())
                .body("reference", equalTo("EMP-1"))
                .extract();
        String id = created.path("monitoredPersonId");
        String checkId = created.path("lastCheckId");
        // the first check is an ordinary check of the organisation, readable by its reviewer
        as(TestTokens.reviewer(org)).get("/v1/checks/" + checkId).then().statusCode(200);
        as(TestTokens.reviewer(org))
                .get("/v1/monitored-people/" + id)
                .then()
                .statusCode(200)
                .body("lastCheckId", equalTo(checkId));
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'MONITORING_ENROLMENT_CHANGED'"
                                + " and check_id = ? and actor_org = ?",
                        UUID.fromString(checkId),
                        org));
    }

    @Test
    void shouldReturn404ForAnotherOrganisationsMonitoredPerson() {
        String id = enrol(uniqueId("mon-a"), "Dana " + uniqueSurname(), "1991-02-03", null);
        String other = uniqueId("mon-b");
        as(TestTokens.screener(other)).get("/v1/monitored-people/" + id).then().statusCode(404);
        as(TestTokens.reviewer(other))
                .delete("/v1/monitored-people/" + id)
                .then()
                .statusCode(404);
        as(TestTokens.screener(other))
                .get("/v1/monitored-people")
                .then()
                .statusCode(200)
                .body("monitoredPeople.monitoredPersonId", not(hasItem(id)));
        as(TestTokens.screener(other))
                .get("/v1/monitored-people/not-a-uuid")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldListFilterAndPageAnOrganisationsPeople() {
        String org = uniqueId("mon-list");
        String first = enrol(org, "Erlan " + uniqueSurname(), "1980-01-01", "R-1");
        String second = enrol(org, "Gulnar " + uniqueSurname(), "1981-01-01", "R-2");
        String third = enrol(org, "Timur " + uniqueSurname(), "1982-01-01", "R-3");
        var page = as(TestTokens.reviewer(org))
                .queryParam("limit", 2)
                .get("/v1/monitored-people")
                .then()
                .statusCode(200)
                .header("Link", containsString("rel=\"next\""))
                .body("monitoredPeople.monitoredPersonId", equalTo(java.util.List.of(third, second)))
                .extract();
        String cursor = page.path("nextCursor");
        as(TestTokens.reviewer(org))
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get("/v1/monitored-people")
                .then()
                .statusCode(200)
                .body("monitoredPeople.monitoredPersonId", equalTo(java.util.List.of(first)))
                .body("nextCursor", equalTo(null));
        as(TestTokens.screener(org))
                .queryParam("reference", "R-2")
                .get("/v1/monitored-people")
                .then()
                .statusCode(200)
                .body("monitoredPeople.monitoredPersonId", equalTo(java.util.List.of(second)));
        as(TestTokens.screener(org))
                .queryParam("status", "NO_NEW_INFORMATION")
                .get("/v1/monitored-people")
                .then()
                .statusCode(200)
                .body("monitoredPeople.size()", equalTo(3));
        as(TestTokens.screener(org))
                .queryParam("status", "BAD")
                .get("/v1/monitored-people")
                .then()
                .statusCode(422);
        as(TestTokens.screener(org))
                .queryParam("cursor", "zzz")
                .get("/v1/monitored-people")
                .then()
                .statusCode(422);
    }

    @Test
    void shouldUnenrolWithAReasonAuditedAndStopListingThePerson() {
        String org = uniqueId("mon-end");
        String id = enrol(org, "Marat " + uniqueSurname(), "1979-09-09", null);
        as(TestTokens.reviewer(org))
                .queryParam("reason", "Employment ended")
                .delete("/v1/monitored-people/" + id)
                .then()
                .statusCode(200)
                .body("endedAt", notNullValue());
        as(TestTokens.screener(org))
                .get("/v1/monitored-people")
                .then()
                .body("monitoredPeople.monitoredPersonId", not(hasItem(id)));
        as(TestTokens.screener(org)).delete("/v1/monitored-people/" + id).then().statusCode(404);
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'MONITORING_ENROLMENT_CHANGED'"
                                + " and actor_org = ? and outcome->>'change' = 'ended'",
                        org));
    }

    @Test
    void shouldRefuseInvalidEnrolmentsWith422AndEnrolNobody() {
        String org = uniqueId("mon-bad");
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":\"\",\"dateOfBirth\":\"19x\"},\"purpose\":\"NOPE\"}")
                .post("/v1/monitored-people")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body(enrolment("Ok " + uniqueSurname(), "1990", "x".repeat(201)))
                .post("/v1/monitored-people")
                .then()
                .statusCode(422);
        assertEquals(0, Db.count(dataSource, "select count(*) from monitored_person where org = ?", org));
    }

    @Test
    void shouldEnrolABatchEachWithItsOwnAuditedFirstCheckAndReportBadItemsAlone() {
        String org = uniqueId("mon-batch");
        String surname = uniqueSurname();
        String body = "{\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-BULK\",\"people\":["
                + "{\"candidate\":{\"fullName\":\"Aliya " + surname + "\",\"dateOfBirth\":\"1990-04-04\"},"
                + "\"reference\":\"B-1\"},"
                + "{\"candidate\":{\"fullName\":\"\",\"dateOfBirth\":\"19x\"},\"reference\":\"B-2\"},"
                + "{\"candidate\":{\"fullName\":\"Marat " + surname + "\",\"dateOfBirth\":\"1985\"},"
                + "\"reference\":\"B-3\",\"position\":\"Coach\"}]}";
        var answer = as(TestTokens.screener(org))
                .contentType("application/json")
                .body(body)
                .post("/v1/monitored-people/batch")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("succeeded", equalTo(2))
                .body("failed", equalTo(1))
                .body("items[0].index", equalTo(0))
                .body("items[0].status", equalTo(201))
                .body("items[0].person.reference", equalTo("B-1"))
                .body("items[0].person.status", equalTo("NO_NEW_INFORMATION"))
                .body("items[1].status", equalTo(422))
                .body("items[1].problem.type", containsString("validation"))
                .body("items[2].person.reference", equalTo("B-3"))
                .extract();
        for (int i : new int[] {0, 2}) {
            String checkId = answer.path("items[" + i + "].person.lastCheckId");
            String id = answer.path("items[" + i + "].person.monitoredPersonId");
            as(TestTokens.reviewer(org)).get("/v1/checks/" + checkId).then().statusCode(200);
            as(TestTokens.reviewer(org))
                    .get("/v1/monitored-people/" + id)
                    .then()
                    .statusCode(200);
            assertEquals(
                    1,
                    Db.count(
                            dataSource,
                            "select count(*) from audit_event where type = 'MONITORING_ENROLMENT_CHANGED'"
                                    + " and check_id = ? and actor_org = ?",
                            UUID.fromString(checkId),
                            org));
        }
        assertEquals(2, Db.count(dataSource, "select count(*) from monitored_person where org = ?", org));
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from monitored_person where org = ? and position = 'Coach'"
                                + " and consent_reference = 'HR-BULK'",
                        org));
    }

    @Test
    void shouldRefuseAnInvalidBatchWith422AndEnrolNobody() {
        String org = uniqueId("mon-batch-bad");
        for (String body : new String[] {
            "{\"purpose\":\"NOPE\",\"people\":[{\"candidate\":{\"fullName\":\"A B\",\"dateOfBirth\":\"1990\"}}]}",
            "{\"purpose\":\"EMPLOYMENT\",\"people\":[]}",
            "{\"purpose\":\"EMPLOYMENT\",\"people\":["
                    + "{\"candidate\":{\"fullName\":\"A B\",\"dateOfBirth\":\"1990\"}},".repeat(500)
                    + "{\"candidate\":{\"fullName\":\"A B\",\"dateOfBirth\":\"1990\"}}]}"
        }) {
            as(TestTokens.screener(org))
                    .contentType("application/json")
                    .body(body)
                    .post("/v1/monitored-people/batch")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json");
        }
        assertEquals(0, Db.count(dataSource, "select count(*) from monitored_person where org = ?", org));
        as(TestTokens.reviewer(org))
                .contentType("application/json")
                .body("{\"purpose\":\"EMPLOYMENT\",\"people\":[]}")
                .post("/v1/monitored-people/batch")
                .then()
                .statusCode(403);
        RestAssured.given()
                .contentType("application/json")
                .body("{\"purpose\":\"EMPLOYMENT\",\"people\":[]}")
                .post("/v1/monitored-people/batch")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldRequireATokenAndTheRightRole() {
        RestAssured.given()
                .contentType("application/json")
                .body(enrolment("X Y", "1990", null))
                .post("/v1/monitored-people")
                .then()
                .statusCode(401);
        RestAssured.given().get("/v1/alerts").then().statusCode(401);
        for (String role : new String[] {"auditor", "registry-admin", "org-admin", "reviewer"}) {
            as(TestTokens.token(role, "mon-roles"))
                    .contentType("application/json")
                    .body(enrolment("X Y", "1990", null))
                    .post("/v1/monitored-people")
                    .then()
                    .statusCode(403);
        }
        for (String role : new String[] {"auditor", "registry-admin", "org-admin"}) {
            as(TestTokens.token(role, "mon-roles"))
                    .get("/v1/monitored-people")
                    .then()
                    .statusCode(403);
            as(TestTokens.token(role, "mon-roles")).get("/v1/alerts").then().statusCode(403);
        }
    }
}
