package org.qorgau.registry;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class RegistryEntryTest {

    @Inject
    AgroalDataSource dataSource;

    private static String body(String name) {
        return "{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"1975-04-03\",\"offence\":\"UK RK 121\","
                + "\"region\":\"Almaty\"}";
    }

    private static io.restassured.response.Response put(String id, String json) {
        return as(TestTokens.admin())
                .contentType("application/json")
                .body(json.getBytes(StandardCharsets.UTF_8))
                .put("/v1/registry/entries/" + id);
    }

    @Test
    void shouldCreateThenCorrectAnEntryEachAsANewVersionWithHistory() throws Exception {
        String id = uniqueId("PUT");
        put(id, body("Оспанов Марат")).then().statusCode(201).body("externalId", equalTo(id));
        put(id, body("Оспанов Марат Бекович"))
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Оспанов Марат Бекович"));
        as(TestTokens.admin())
                .get("/v1/registry/versions?limit=1")
                .then()
                .statusCode(200)
                .body("versions[0].kind", equalTo("ENTRY_PUT"))
                .body("versions[0].updated", equalTo(1));
        assertEquals(2, Db.count(dataSource, "select count(*) from registry_entry_history where external_id = ?", id));
    }

    @Test
    void shouldRejectAnInvalidEntryAndAMismatchedIdChangingNothing() {
        String id = uniqueId("BAD");
        put(id, "{\"fullName\":\"\",\"dateOfBirth\":\"1975-02-30\"}")
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("fullName"))
                .body("errors.field", hasItem("dateOfBirth"))
                .body("errors.field", hasItem("offence"));
        put(id, "{\"externalId\":\"OTHER\",\"fullName\":\"A\",\"dateOfBirth\":\"1975\",\"offence\":\"o\"}")
                .then()
                .statusCode(422);
        as(TestTokens.admin()).get("/v1/registry/entries/" + id).then().statusCode(404);
    }

    @Test
    void shouldDeleteOnlyWithAReasonAndKeepTheHistory() throws Exception {
        String id = uniqueId("DEL");
        put(id, body("Удалить Меня")).then().statusCode(201);
        as(TestTokens.admin()).delete("/v1/registry/entries/" + id).then().statusCode(422);
        as(TestTokens.admin()).get("/v1/registry/entries/" + id).then().statusCode(200);
        as(TestTokens.admin())
                .queryParam("reason", "conviction quashed on appeal")
                .delete("/v1/registry/entries/" + id)
                .then()
                .statusCode(204);
        as(TestTokens.admin()).get("/v1/registry/entries/" + id).then().statusCode(404);
        as(TestTokens.admin())
                .queryParam("reason", "again")
                .delete("/v1/registry/entries/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from registry_entry_history where external_id = ? and change = 'REMOVED'"
                                + " and reason = 'conviction quashed on appeal'",
                        id));
    }

    @Test
    void shouldAnswer404ForUnknownAndUnsafeIds() {
        as(TestTokens.admin())
                .get("/v1/registry/entries/" + uniqueId("NONE"))
                .then()
                .statusCode(404);
        as(TestTokens.admin())
                .get("/v1/registry/entries/..%2F..%2Fetc%2Fpasswd")
                .then()
                .statusCode(404);
    }
}
