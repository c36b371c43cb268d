package org.qorgau.screening;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class BatchApiTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String BATCH = "{\"purpose\":\"PERIODIC_RESCREEN\",\"consentReference\":\"HR-BATCH-1\","
            + "\"candidates\":[{\"fullName\":\"Aliya Nur\",\"dateOfBirth\":\"1990-03-03\"},"
            + "{\"fullName\":\"\",\"dateOfBirth\":\"03/03/1990\"},"
            + "{\"fullName\":\"Berik Sat\",\"dateOfBirth\":\"1991\",\"consentReference\":\"HR-OWN\"}]}";

    private long checksOf(String org) {
        return Db.count(
                dataSource, "select count(*) from audit_event where type = 'CHECK_PERFORMED' and actor_org = ?", org);
    }

    @Test
    void shouldAnswerEachItemWithItsOwnCheckOrProblem() {
        String org = uniqueId("batch-org");
        JsonPath result = as(TestTokens.screener(org))
                .contentType("application/json")
                .body(BATCH)
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("succeeded", equalTo(2))
                .body("failed", equalTo(1))
                .body("items", hasSize(3))
                .body("items[0].status", equalTo(201))
                .body("items[0].check.verdict", equalTo("NO_MATCH"))
                .body("items[0].check.audit.sequence", notNullValue())
                .body("items[1].status", equalTo(422))
                .body("items[1].check", nullValue())
                .body("items[1].problem.status", equalTo(422))
                .body("items[1].problem.errors.field", hasItem("candidate.fullName"))
                .body("items[2].status", equalTo(201))
                .extract()
                .jsonPath();
        assertNotEquals(result.getString("items[0].check.checkId"), result.getString("items[2].check.checkId"));
        assertEquals(2, checksOf(org));
        assertEquals(
                "PERIODIC_RESCREEN",
                Db.text(
                        dataSource,
                        "select purpose from audit_event where check_id = ?::uuid",
                        result.getString("items[2].check.checkId")));
    }

    @Test
    void shouldBeIdempotentAsAWhole() {
        String org = uniqueId("batch-org");
        String first = as(TestTokens.screener(org))
                .header("Idempotency-Key", "rescreen-2026-q1")
                .contentType("application/json")
                .body(BATCH)
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String again = as(TestTokens.screener(org))
                .header("Idempotency-Key", "rescreen-2026-q1")
                .contentType("application/json")
                .body(BATCH)
                .post("/v1/checks/batch")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(
                JsonPath.from(first).getString("batchId"), JsonPath.from(again).getString("batchId"));
        assertEquals(
                7,
                UUID.fromString(JsonPath.from(first).getString("batchId")).version(),
                "batches have time-ordered ids");
        assertEquals(
                JsonPath.from(first).getList("items.check.checkId"),
                JsonPath.from(again).getList("items.check.checkId"));
        assertEquals(2, checksOf(org));
        as(TestTokens.screener(org))
                .header("Idempotency-Key", "rescreen-2026-q1")
                .contentType("application/json")
                .body(BATCH.replace("Aliya Nur", "Aliya Nurova"))
                .post("/v1/checks/batch")
                .then()
                .statusCode(422);
        assertEquals(2, checksOf(org));
    }

    @Test
    void shouldRefuseABatchOverTheLimitOrWithoutPurpose() {
        StringJoiner items = new StringJoiner(",");
        for (int i = 0; i < 501; i++) {
            items.add("{\"fullName\":\"A B\",\"dateOfBirth\":\"1990\"}");
        }
        String org = uniqueId("batch-org");
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body("{\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"x\",\"candidates\":[" + items + "]}")
                .post("/v1/checks/batch")
                .then()
                .statusCode(422);
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body("{\"consentReference\":\"x\",\"candidates\":[{\"fullName\":\"A B\",\"dateOfBirth\":\"1990\"}]}")
                .post("/v1/checks/batch")
                .then()
                .statusCode(422);
        as(TestTokens.reviewer(org))
                .contentType("application/json")
                .body(BATCH)
                .post("/v1/checks/batch")
                .then()
                .statusCode(403);
        assertEquals(0, checksOf(org));
    }
}
