package org.qorgau.runtime;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qorgau.support.EmbeddedPostgresResource;

/** {@code scripts/dev-token} mints a token that a service sharing its QORGAU_DATA_DIR accepts. */
@QuarkusTest
class DevTokenScriptTest {

    @Test
    void shouldPrintATokenTheServiceAccepts() throws Exception {
        String token = run(List.of("sh", "scripts/dev-token", "registry-admin", "kz-gpo"));
        RestAssured.given()
                .header("Authorization", "Bearer " + token)
                .get("/v1/registry/versions?limit=1")
                .then()
                .statusCode(200);
        String screener = run(List.of("sh", "scripts/dev-token", "screener", "school-9"));
        RestAssured.given()
                .header("Authorization", "Bearer " + screener)
                .get("/v1/registry/versions")
                .then()
                .statusCode(403)
                .body("status", equalTo(403));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment()
                .put("QORGAU_DATA_DIR", EmbeddedPostgresResource.dataDir().toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue());
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
