package org.qorgau.screening;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

@QuarkusTest
class CheckListTest {

    private static String perform(String org, String body) {
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body(body)
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .path("checkId");
    }

    @Test
    void shouldPageThroughEveryCheckOnceWithTheCursor() {
        String org = uniqueId("pager");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(perform(org, checkJson("Pager Person" + (char) ('a' + i), "1980")));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(TestTokens.reviewer(org)).queryParam("limit", 3);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/checks");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("checks.checkId"));
            cursor = page.jsonPath().getString("nextCursor");
            String link = page.getHeader("Link");
            if (cursor != null) {
                // the same cursor in the body and in the Link header, one pagination style for every list
                assertTrue(link != null && link.contains("cursor=" + cursor) && link.contains("rel=\"next\""), link);
            } else {
                assertNull(link);
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        assertEquals(new HashSet<>(made), new HashSet<>(seen));
    }

    @Test
    void shouldFilterByPurposeAndVerdictAndLetAuditorsChooseTheOrganisation() {
        String org = uniqueId("filter");
        perform(org, checkJson("Filter One", "1981"));
        perform(
                org,
                "{\"candidate\":{\"fullName\":\"Filter Two\",\"dateOfBirth\":\"1982\"},"
                        + "\"purpose\":\"VOLUNTEERING\",\"consentReference\":\"c\"}");
        as(TestTokens.screener(org))
                .get("/v1/checks?purpose=VOLUNTEERING")
                .then()
                .statusCode(200)
                .body("checks", hasSize(1));
        as(TestTokens.screener(org))
                .get("/v1/checks?verdict=NO_MATCH")
                .then()
                .statusCode(200)
                .body("checks", hasSize(2))
                .body("checks.verdict", everyItem(equalTo("NO_MATCH")));
        as(TestTokens.auditor())
                .get("/v1/checks?org=" + org)
                .then()
                .statusCode(200)
                .body("checks", hasSize(2));
        // a screener's org filter cannot widen the view to another organisation
        Response other = as(TestTokens.screener(uniqueId("nosy"))).get("/v1/checks?org=" + org);
        other.then().statusCode(200).body("checks", hasSize(0)).body("nextCursor", nullValue());
        assertNull(other.getHeader("Link"));
    }

    @Test
    void shouldRejectInvalidFiltersAndForeignCursors() {
        as(TestTokens.screener("acme")).get("/v1/checks?verdict=MAYBE").then().statusCode(422);
        as(TestTokens.screener("acme")).get("/v1/checks?from=yesterday").then().statusCode(422);
        String problem = as(TestTokens.screener("acme"))
                .get("/v1/checks?cursor=not-ours")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .extract()
                .path("errors[0].field");
        assertNotNull(problem);
    }
}
