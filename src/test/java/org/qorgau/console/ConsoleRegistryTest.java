package org.qorgau.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.qorgau.console.ConsoleTest.signIn;
import static org.qorgau.console.ConsoleTest.token;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/** The registry administrator's console pages: versions, and an import with its all-or-nothing report. */
@QuarkusTest
class ConsoleRegistryTest {

    private static String csrf(String session) {
        return token(given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .get("/console/registry/imports")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static Response upload(String session, String fileName, String type, String content, String... fields) {
        var request = given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .multiPart("csrf", csrf(session))
                .multiPart("file", fileName, content.getBytes(StandardCharsets.UTF_8), type);
        for (int i = 0; i < fields.length; i += 2) {
            request.multiPart(fields[i], fields[i + 1]);
        }
        return request.post("/console/registry/imports");
    }

    private static String name() {
        return uniqueSurname() + " " + uniqueSurname();
    }

    @Test
    void shouldApplyAnUploadedFileThroughTheRegistryAndListItsVersion() {
        String session = signIn("registry-admin", "kz-gpo");
        String first = uniqueId("CRG");
        String second = uniqueId("CRG");
        String file = entryJson(first, name(), "1970-01-02") + "\n" + entryJson(second, name(), "1971-02-03") + "\n";
        String page = upload(session, "entries.ndjson", "application/x-ndjson", file, "mode", "upsert")
                .then()
                .statusCode(200)
                .body(containsString("Applied as registry version"))
                .extract()
                .asString();
        String version = page.replaceAll("(?s).*Applied as registry version (\\d+)\\..*", "$1");
        as(TestTokens.admin()).get("/v1/registry/entries/" + first).then().statusCode(200);
        as(TestTokens.admin()).get("/v1/registry/entries/" + second).then().statusCode(200);
        given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .get("/console/registry")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td class=\"number\">" + version + "</td>"),
                        containsString("Import (add and update)"),
                        containsString("registry-admin@kz-gpo")));
    }

    @Test
    void shouldRejectTheWholeFileAndListEveryInvalidLine() {
        String session = signIn("registry-admin", "kz-gpo");
        String valid = uniqueId("CRG");
        String file = "externalId,fullName,aliases,dateOfBirth,photoHashes,offence\n"
                + valid + "," + name() + ",,1980-05-06,,UK RK 121\n"
                + uniqueId("CRG") + ",,,1980-05-06,,UK RK 121\n"
                + uniqueId("CRG") + "," + name() + ",,1980-13-45,,UK RK 121\n";
        upload(session, "entries.csv", "text/csv", file, "mode", "upsert")
                .then()
                .statusCode(422)
                .body(allOf(
                        containsString("The file was rejected; nothing changed."),
                        containsString("2 error(s) in 3 record(s)"),
                        containsString("<td class=\"number\">3</td><td>fullName</td>"),
                        containsString("<td class=\"number\">4</td><td>dateOfBirth</td>")));
        // all or nothing: the valid line was not applied either
        as(TestTokens.admin()).get("/v1/registry/entries/" + valid).then().statusCode(404);
    }

    @Test
    void shouldPreviewADryRunWithoutChangingTheRegistry() {
        String session = signIn("registry-admin", "kz-gpo");
        String id = uniqueId("CRG");
        upload(
                        session,
                        "entries.ndjson",
                        "application/x-ndjson",
                        entryJson(id, name(), "1982-07-08") + "\n",
                        "mode",
                        "upsert",
                        "dryRun",
                        "true")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("Dry run: nothing changed."),
                        containsString("<dt>Added</dt><dd>1</dd>"),
                        not(containsString("Applied as registry version"))));
        as(TestTokens.admin()).get("/v1/registry/entries/" + id).then().statusCode(404);
    }

    @Test
    void shouldAskForAFileItCanRead() {
        String session = signIn("registry-admin", "kz-gpo");
        upload(session, "entries.xlsx", "application/octet-stream", "not a registry file")
                .then()
                .statusCode(422)
                .body(containsString("Choose a .csv or .ndjson file."));
    }

    @Test
    void shouldRefuseAnUploadWithoutItsFormToken() {
        String session = signIn("registry-admin", "kz-gpo");
        String id = uniqueId("CRG");
        given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .multiPart("csrf", "forged")
                .multiPart(
                        "file",
                        "entries.ndjson",
                        (entryJson(id, name(), "1983-01-01") + "\n").getBytes(StandardCharsets.UTF_8),
                        "application/x-ndjson")
                .post("/console/registry/imports")
                .then()
                .statusCode(403);
        as(TestTokens.admin()).get("/v1/registry/entries/" + id).then().statusCode(404);
    }

    @Test
    void shouldGiveTheRegistryPagesOnlyToTheRolesTheApiAllows() {
        String reviewer = signIn("reviewer", "school-5");
        String auditor = signIn("auditor", "oversight");
        given().cookie(ConsoleRequest.SESSION_COOKIE, reviewer)
                .get("/console/registry")
                .then()
                .statusCode(403);
        given().cookie(ConsoleRequest.SESSION_COOKIE, reviewer)
                .get("/console/registry/imports")
                .then()
                .statusCode(403);
        // auditors read the versions (as GET /v1/registry/versions) but import nothing
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/registry")
                .then()
                .statusCode(200)
                .body(containsString("Registry versions"));
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .multiPart("csrf", "x")
                .multiPart("file", "e.ndjson", "{}".getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
                .post("/console/registry/imports")
                .then()
                .statusCode(403);
        given().redirects().follow(false).get("/console/registry").then().statusCode(303);
    }
}
