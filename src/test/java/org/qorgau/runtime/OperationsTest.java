package org.qorgau.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void shouldBeReadyWithDatabaseMigrationsAndIndex() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'qorgau' }.data.database", equalTo("up"))
                .body("checks.find { it.name == 'qorgau' }.data.pendingMigrations", equalTo(0));
    }

    @Test
    void shouldBeLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldExposePrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void shouldAnswerUnknownPathsWithAProblem() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * The committed OpenAPI document is what the code serves. After changing the API, run {@code ./mvnw package
     * -DskipTests} (which rewrites {@code openapi/}) and commit the result.
     */
    @Test
    void shouldServeExactlyTheCommittedOpenApiDocument() throws Exception {
        String served = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        ObjectMapper json = new ObjectMapper();
        JsonNode committed = json.readTree(Files.readString(Path.of("openapi", "openapi.json")));
        // compared as JSON trees: the build and the server order some keys differently
        assertEquals(committed, json.readTree(served), "openapi/ is stale: run ./mvnw package -DskipTests, commit it");
        assertEquals(
                committed,
                new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("openapi", "openapi.yaml"))),
                "openapi/openapi.yaml and openapi.json disagree");
    }
}
