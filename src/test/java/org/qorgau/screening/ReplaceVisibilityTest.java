package org.qorgau.screening;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/**
 * A full replace builds its version's matching index while it runs and serves it before it answers: a check that starts
 * after the import's answer screens against the new version, with no wait.
 */
@QuarkusTest
class ReplaceVisibilityTest {

    @Inject
    MatchingIndex index;

    @Inject
    ReplaceIndexBuilder builder;

    private static ValidatableResponse check(String name, String dateOfBirth) {
        return as(TestTokens.screener("replace-school"))
                .contentType("application/json")
                .body(checkJson(name, dateOfBirth))
                .post("/v1/checks")
                .then()
                .statusCode(201);
    }

    /** Replaces the whole (shared) registry with {@code file}, confirming the removals the dry run counts. */
    private static int replace(String file) {
        int removals = importNdjson("replace&dryRun=true", file)
                .then()
                .statusCode(200)
                .extract()
                .path("removed");
        return importNdjson("replace&confirmRemovals=" + removals, file)
                .then()
                .statusCode(200)
                .extract()
                .path("registryVersion");
    }

    @Test
    void shouldScreenAgainstTheReplacedRegistryAsSoonAsTheImportAnswers() {
        String dropped = uniqueSurname() + " Aigerim";
        String droppedId = uniqueId("OLD");
        String keptId = uniqueId("KEEP");
        String kept = uniqueSurname() + " Bolat";
        importNdjson(
                        "upsert",
                        entryJson(droppedId, dropped, "1971-02-03") + "\n" + entryJson(keptId, kept, "1972-03-04"))
                .then()
                .statusCode(200);
        index.refresh();
        check(dropped, "1971-02-03").body("verdict", equalTo("MATCH"));

        String addedId = uniqueId("NEW");
        String added = uniqueSurname() + " Dauren";
        int version = replace(entryJson(keptId, kept, "1972-03-04") + "\n" + entryJson(addedId, added, "1983-04-05"));

        // no refresh, no wait: the answer left after this replica served the new version
        check(added, "1983-04-05")
                .body("registryVersion", equalTo(version))
                .body("verdict", equalTo("MATCH"))
                .body("matches.externalId", hasItem(addedId));
        check(dropped, "1971-02-03").body("registryVersion", equalTo(version)).body("verdict", equalTo("NO_MATCH"));
        check(kept, "1972-03-04").body("verdict", equalTo("MATCH"));
        assertEquals(version, builder.lastServed(), "served from the index built while the replace ran");
    }

    @Test
    void shouldKeepServingAndRefreshingAfterAReplaceThatFailed() {
        String id = uniqueId("DUP");
        String name = uniqueSurname() + " Yerlan";
        long before = index.current().orElseThrow().version();
        importNdjson("replace", entryJson(id, name, "1990-01-01") + "\n" + entryJson(id, name, "1990-01-01"))
                .then()
                .statusCode(422);
        assertEquals(before, index.current().orElseThrow().version(), "nothing changed");

        // the failed replace's preparation ended: later changes reach the index as usual
        String laterId = uniqueId("LATER");
        String later = uniqueSurname() + " Saule";
        int version = importNdjson("upsert", entryJson(laterId, later, "1991-02-02"))
                .then()
                .statusCode(200)
                .extract()
                .path("registryVersion");
        assertEquals(version, index.refresh().version());
        check(later, "1991-02-02").body("verdict", equalTo("MATCH")).body("matches.externalId", hasItem(laterId));
    }
}
