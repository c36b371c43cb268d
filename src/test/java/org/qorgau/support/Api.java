package org.qorgau.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.qorgau.screening.MatchingIndex;

/** Small REST Assured helpers shared by the API tests. */
public final class Api {

    private Api() {}

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /** A fresh id for this test, so tests sharing the run's database never collide. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A surname no other test uses ("Q" and nine random letters). Tests share one registry: a person registered again by
     * every test would make a check of that name match them all, and too broad to answer.
     */
    public static String uniqueSurname() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder("Q");
        for (int i = 0; i < 9; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    public static Response importNdjson(String mode, String body) {
        return as(TestTokens.admin())
                .contentType("application/x-ndjson")
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/registry/imports?mode=" + mode);
    }

    /**
     * Registers one person under a fresh id and refreshes this replica's matching index, so the next check sees them;
     * returns the id.
     */
    public static String registered(MatchingIndex index, String name, String dateOfBirth) {
        String id = uniqueId("P");
        importNdjson("upsert", entryJson(id, name, dateOfBirth)).then().statusCode(200);
        index.refresh();
        return id;
    }

    public static String entryJson(String id, String name, String dateOfBirth) {
        return entryJson(id, name, dateOfBirth, "UK RK 121");
    }

    public static String entryJson(String id, String name, String dateOfBirth, String offence) {
        return "{\"externalId\":\"" + id + "\",\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                + "\",\"offence\":\"" + offence + "\"}";
    }

    public static String checkJson(String name, String dateOfBirth) {
        return "{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                + "\"},\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-1\"}";
    }

    /** A new check of {@code name} and {@code dateOfBirth} as {@code token}'s caller, answered 201. */
    public static ExtractableResponse<Response> checked(String token, String name, String dateOfBirth) {
        return as(token)
                .contentType("application/json")
                .body(checkJson(name, dateOfBirth))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract();
    }
}
