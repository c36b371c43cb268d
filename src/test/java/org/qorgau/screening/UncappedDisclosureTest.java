package org.qorgau.screening;

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
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/**
 * With both daily disclosure caps off ({@code 0}), nothing is refused, and every entry shown is still recorded: the
 * usage report counts what was disclosed to whom whether or not a cap limits it.
 */
@QuarkusTest
@TestProfile(UncappedDisclosureTest.Uncapped.class)
class UncappedDisclosureTest {

    public static class Uncapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "qorgau.disclosure.entries-per-day", "0",
                    "qorgau.disclosure.entries-per-day-per-subject", "0");
        }
    }

    @Inject
    MatchingIndex index;

    @Test
    void shouldDiscloseBeyondTheDefaultCapsAndRecordEveryEntry() {
        int people = 60; // more than the default cap of 50 entries per token subject
        List<String[]> registered = new ArrayList<>();
        StringBuilder registry = new StringBuilder();
        for (int i = 0; i < people; i++) {
            String[] person = {
                uniqueId("UNCAP"), DisclosureTest.word() + " " + DisclosureTest.word(), "1971-02-" + (10 + i % 18)
            };
            registered.add(person);
            registry.append(entryJson(person[0], person[1], person[2])).append('\n');
        }
        importNdjson("upsert", registry.toString()).then().statusCode(200);
        index.refresh();
        String org = uniqueId("uncapped");
        String screener = TestTokens.screener(org);
        for (String[] person : registered) {
            as(screener)
                    .contentType("application/json")
                    .body(checkJson(person[1], person[2]))
                    .post("/v1/checks")
                    .then()
                    .statusCode(201)
                    .body("matches[0].entry", notNullValue());
        }
        // the same entry again is recorded once
        as(screener)
                .contentType("application/json")
                .body(checkJson(registered.get(0)[1], registered.get(0)[2]))
                .post("/v1/checks")
                .then()
                .statusCode(201);
        Map<String, Object> usage = DisclosureTest.usageDisclosure(org);
        assertEquals(people, usage.get("entriesDisclosed"));
        assertEquals(people, usage.get("mostEntriesToOneSubjectInOneDay"));
        assertEquals(0, usage.get("dailyCapRefusals"));
    }
}
