package org.qorgau.screening;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/**
 * The organisation's daily cap alone (the per-screener cap off): distinct entries shown to all of its screeners
 * together are counted, the same entry again counts once, and the first new entry past the cap is refused.
 */
@QuarkusTest
@TestProfile(OrganisationDisclosureCapTest.OrganisationCapOnly.class)
class OrganisationDisclosureCapTest {

    static final int CAP = 3;

    public static class OrganisationCapOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "qorgau.disclosure.entries-per-day",
                    String.valueOf(CAP),
                    "qorgau.disclosure.entries-per-day-per-subject",
                    "0");
        }
    }

    @Inject
    MatchingIndex index;

    private static Response check(String token, String[] person) {
        return as(token)
                .contentType("application/json")
                .body(checkJson(person[1], person[2]))
                .post("/v1/checks");
    }

    @Test
    void shouldCountEveryScreenerOfTheOrganisationTogether() {
        List<String[]> people = new ArrayList<>();
        StringBuilder registry = new StringBuilder();
        for (int i = 0; i < CAP + 1; i++) {
            String[] person = {
                uniqueId("ORGCAP"), DisclosureTest.word() + " " + DisclosureTest.word(), "1972-03-" + (10 + i)
            };
            people.add(person);
            registry.append(entryJson(person[0], person[1], person[2])).append('\n');
        }
        importNdjson("upsert", registry.toString()).then().statusCode(200);
        index.refresh();
        String org = uniqueId("orgcap");
        String first = TestTokens.token("screener", org, "first@" + org);
        String second = TestTokens.token("screener", org, "second@" + org);
        check(first, people.get(0)).then().statusCode(201).body("matches[0].entry", notNullValue());
        check(first, people.get(1)).then().statusCode(201).body("matches[0].entry", notNullValue());
        check(second, people.get(2)).then().statusCode(201).body("matches[0].entry", notNullValue());
        // an entry the organisation was shown today counts once, whoever asks again
        check(second, people.get(0)).then().statusCode(201).body("matches[0].entry", notNullValue());
        check(second, people.get(CAP))
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("Your organisation"));
        Map<String, Object> usage = DisclosureTest.usageDisclosure(org);
        assertEquals(CAP, usage.get("entriesDisclosed"));
        assertEquals(1, usage.get("dailyCapRefusals"));
    }
}
