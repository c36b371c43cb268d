package org.qorgau.monitoring;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.monitoring.MonitoringApiTest.enrol;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class RescreenTest {

    @Inject
    AgroalDataSource dataSource;

    private void execute(String sql) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static JsonPath person(String org, String id) {
        return as(TestTokens.reviewer(org))
                .get("/v1/monitored-people/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Polls the person until {@code until} holds (or fails after {@code limit}). */
    static JsonPath awaitPerson(String org, String id, Duration limit, Predicate<JsonPath> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonPath last = person(org, id);
        while (!until.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("person " + id + " never reached the expected state: " + last.prettify());
            }
            Thread.sleep(200);
            last = person(org, id);
        }
        return last;
    }

    @Test
    void shouldRescreenOnlyTheAffectedPersonAndAlertWithTheCheckThatFoundIt() throws Exception {
        String org = uniqueId("rescreen");
        String surname = uniqueSurname();
        String name = "Berik " + surname + " Nurlanovich";
        String matching = enrol(org, name, "1977-06-15", "EMP-M");
        String bystander = enrol(org, "Saule " + uniqueSurname(), "1988-02-02", "EMP-B");
        String bystanderCheck = person(org, bystander).getString("lastCheckId");

        String entry = uniqueId("MON");
        importNdjson("upsert", entryJson(entry, name, "1977-06-15")).then().statusCode(200);

        JsonPath found = awaitPerson(
                org, matching, Duration.ofSeconds(20), p -> "NEW_INFORMATION".equals(p.getString("status")));
        String checkId = found.getString("statusCheckId");
        assertNotNull(checkId);
        assertEquals(checkId, found.getString("lastCheckId"));
        assertEquals("MATCH", found.getString("lastVerdict"));
        // the re-screen is an ordinary audited check: purpose, registry and engine version
        as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId)
                .then()
                .statusCode(200)
                .body("verdict", equalTo("MATCH"))
                .body("matches.externalId", hasItem(entry))
                .body("registryVersion", equalTo(found.getInt("registryVersion")));
        assertEquals(
                "PERIODIC_RESCREEN",
                Db.text(
                        dataSource,
                        "select purpose from screening_check where check_id = ?",
                        UUID.fromString(checkId)));
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'CHECK_PERFORMED' and check_id = ?"
                                + " and purpose = 'PERIODIC_RESCREEN' and actor_subject = 'qorgau-monitoring'",
                        UUID.fromString(checkId)));

        // the alert names that check
        String alertId = as(TestTokens.screener(org))
                .queryParam("acknowledged", "false")
                .get("/v1/alerts")
                .then()
                .statusCode(200)
                .body("alerts.size()", equalTo(1))
                .body("alerts[0].checkId", equalTo(checkId))
                .body("alerts[0].monitoredPersonId", equalTo(matching))
                .body("alerts[0].reference", equalTo("EMP-M"))
                .body("alerts[0].reason", equalTo("NEW_MATCH"))
                .extract()
                .path("alerts[0].alertId");
        assertEquals(7, UUID.fromString(alertId).version(), "alerts have time-ordered ids");
        assertEquals(7, UUID.fromString(matching).version(), "enrolments have time-ordered ids");

        // the person who does not match was not re-screened at all: no new check, no alert
        JsonPath still = person(org, bystander);
        assertEquals("NO_NEW_INFORMATION", still.getString("status"));
        assertEquals(bystanderCheck, still.getString("lastCheckId"));

        // another organisation can neither see nor acknowledge the alert
        as(TestTokens.reviewer(uniqueId("other")))
                .post("/v1/alerts/" + alertId + "/acknowledgement")
                .then()
                .statusCode(404);
        as(TestTokens.reviewer(org))
                .post("/v1/alerts/" + alertId + "/acknowledgement")
                .then()
                .statusCode(200)
                .body("acknowledgedBy", equalTo("reviewer-user@" + org));
        assertEquals("NO_NEW_INFORMATION", person(org, matching).getString("status"));
        as(TestTokens.screener(org))
                .queryParam("acknowledged", "true")
                .get("/v1/alerts")
                .then()
                .body("alerts.alertId", hasItem(alertId));
        as(TestTokens.screener(org))
                .queryParam("acknowledged", "false")
                .get("/v1/alerts")
                .then()
                .body("alerts.alertId", not(hasItem(alertId)));
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'MONITORING_ALERT_ACKNOWLEDGED' and actor_org = ?",
                        org));

        // the registry removes the entry: a matched entry removed is new information too
        as(TestTokens.admin())
                .queryParam("reason", "conviction quashed")
                .delete("/v1/registry/entries/" + entry)
                .then()
                .statusCode(lessThan(300));
        JsonPath removed = awaitPerson(
                org,
                matching,
                Duration.ofSeconds(20),
                p -> "NEW_INFORMATION".equals(p.getString("status")) && !checkId.equals(p.getString("statusCheckId")));
        assertEquals("NO_MATCH", removed.getString("lastVerdict"));
        as(TestTokens.screener(org))
                .queryParam("acknowledged", "false")
                .get("/v1/alerts")
                .then()
                .body("alerts[0].reason", equalTo("MATCH_REMOVED"))
                .body("alerts[0].checkId", equalTo(removed.getString("statusCheckId")));
        assertEquals(bystanderCheck, person(org, bystander).getString("lastCheckId"));
    }

    @Test
    void shouldRescreenEveryoneInFullWhenTheEngineChanges() throws Exception {
        String org = uniqueId("engine");
        String id = enrol(org, "Aidos " + uniqueSurname(), "1970-10-10", null);
        String before = person(org, id).getString("lastCheckId");
        // as if the service had been screening with another engine until now (again until it is noticed: a round
        // under way when the cursor is changed writes the engine it saw)
        JsonPath after = person(org, id);
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (before.equals(after.getString("lastCheckId"))) {
            assertTrue(System.nanoTime() < deadline, "never re-screened after the engine changed");
            execute("update monitoring_cursor set engine_version = 'an-earlier-engine'"
                    + " where engine_version is not null and engine_version <> 'an-earlier-engine'");
            Thread.sleep(1_000);
            after = person(org, id);
        }
        // the last change of the cursor may have landed after the round that re-screened this person: wait until a
        // round has noticed it, so that no full re-screen is still pending for the tests that enrol people next
        while (Db.count(dataSource, "select count(*) from monitoring_cursor where engine_version = 'an-earlier-engine'")
                > 0) {
            assertTrue(System.nanoTime() < deadline, "the engine change was never noticed");
            Thread.sleep(200);
        }
        assertEquals("NO_NEW_INFORMATION", after.getString("status"), "the same answer is no new information");
        assertTrue(Db.count(
                        dataSource,
                        "select count(*) from screening_check where check_id = ? and purpose = 'PERIODIC_RESCREEN'",
                        UUID.fromString(after.getString("lastCheckId")))
                == 1);
        as(TestTokens.screener(org)).get("/v1/alerts").then().statusCode(200).body("alerts.size()", equalTo(0));
    }

    @Test
    void shouldExportTheFailedRescreenCounterForOperators() {
        io.restassured.RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("qorgau_monitoring_rescreen_failures_total"));
    }
}
