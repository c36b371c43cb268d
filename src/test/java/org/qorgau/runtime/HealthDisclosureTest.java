package org.qorgau.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health endpoints are anonymous (load balancers probe them): they tell states, never registry figures. */
@QuarkusTest
class HealthDisclosureTest {

    @Test
    void shouldRevealNoRegistryFiguresToAnonymousCallers() {
        importNdjson("upsert", entryJson(uniqueId("HD"), "Health Disclosure", "1970-01-01") + "\n")
                .then()
                .statusCode(200);
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/health/started"}) {
            given().get(path)
                    .then()
                    .body(not(containsString("registryVersion")))
                    .body(not(containsString("indexedEntries")))
                    .body(not(containsString("entries")));
        }
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'qorgau' }.data.index", equalTo("loaded"))
                .body("checks.find { it.name == 'qorgau' }.data.size()", equalTo(3));
    }
}
