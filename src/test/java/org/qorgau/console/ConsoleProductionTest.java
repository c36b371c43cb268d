package org.qorgau.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production's console: the development sign-in does not exist. */
@QuarkusTest
@TestProfile(ConsoleProductionTest.Production.class)
class ConsoleProductionTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("qorgau.console.dev-sign-in", "false");
        }
    }

    @Test
    void shouldHaveNoDevelopmentSignIn() {
        given().get("/console/sign-in").then().statusCode(404);
        given().formParam("role", "auditor")
                .formParam("org", "x")
                .formParam("subject", "x")
                .post("/console/sign-in")
                .then()
                .statusCode(404);
        given().redirects()
                .follow(false)
                .get("/console/")
                .then()
                .statusCode(200)
                .body(containsString("Sign-in is not available"));
    }
}
