package org.qorgau.screening;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

/**
 * Disclosure proportional to evidence: broad queries (many name tokens, a year only, a common name) must not read the
 * registry out; a name no person has discloses nothing; each organisation and screener is shown a bounded number of
 * distinct entries a day; the audit log records what was disclosed in a few bytes.
 */
@QuarkusTest
class DisclosureTest {

    static final int MAX_ENTRIES = 5;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchingIndex index;

    private static final Random RANDOM = new Random();

    /** A made-up name token no other test uses: letters only (the engine drops digits). */
    static String word() {
        StringBuilder w = new StringBuilder("Q");
        for (int i = 0; i < 7; i++) {
            w.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return w.toString();
    }

    private static Response check(String org, String name, String dateOfBirth) {
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, dateOfBirth))
                .post("/v1/checks");
    }

    /** Entries with details in an answer (single check or one batch item's check). */
    private static int disclosed(JsonPath answer, String prefix) {
        List<Object> entries = answer.getList(prefix + "matches.entry");
        return entries == null
                ? 0
                : (int) entries.stream().filter(e -> e != null).count();
    }

    @Test
    void shouldRefuseBroadQueriesOfEveryShapeWithoutDisclosingAnything() {
        String[] surnames = {word(), word(), word(), word()};
        String[] given = {word(), word(), word(), word()};
        StringBuilder registry = new StringBuilder();
        // every surname with every given name, born 1975 or 1976 (a registry slice a year-only query reaches)
        for (String s : surnames) {
            for (String g : given) {
                registry.append(entryJson(
                                uniqueId("BROAD"),
                                s + " " + g,
                                "1975-0" + (1 + RANDOM.nextInt(9)) + "-1" + RANDOM.nextInt(9)))
                        .append('\n');
            }
        }
        // one common name, seven people born the same year
        String commonS = word();
        String commonG = word();
        for (int i = 1; i <= 7; i++) {
            registry.append(entryJson(uniqueId("COMMON"), commonS + " " + commonG, "1981-0" + i + "-15"))
                    .append('\n');
        }
        importNdjson("upsert", registry.toString()).then().statusCode(200);
        index.refresh();

        String org = uniqueId("broad");
        long quotaBefore = Db.count(dataSource, "select coalesce(sum(used), 0) from quota_usage where org = ?", org);
        List<String[]> shapes = List.of(
                // eight tokens, year only (the reported dump)
                new String[] {String.join(" ", surnames) + " " + String.join(" ", given), "1975"},
                // the same tokens in another order and case
                new String[] {
                    (given[1] + " " + surnames[2] + " " + given[0] + " " + surnames[0] + " " + given[3] + " "
                                    + surnames[3] + " " + given[2] + " " + surnames[1])
                            .toUpperCase(),
                    "1975"
                },
                // a common name and a year
                new String[] {commonS + " " + commonG, "1981"},
                // the common name with a middle token
                new String[] {commonS + " " + word() + " " + commonG, "1981"},
                // padded with initials and repeats past a plausible name
                new String[] {
                    "A B C " + String.join(" ", surnames) + " " + String.join(" ", given) + " " + surnames[0], "1975"
                });
        for (String[] shape : shapes) {
            Response answer = check(org, shape[0], shape[1]);
            answer.then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://qorgau.org/problems/too-broad"))
                    .body("counts.maxEntries", equalTo(MAX_ENTRIES))
                    .body("detail", containsString("full date of birth"));
            assertTrue(!answer.asString().contains(surnames[0])
                    && !answer.asString().contains(commonS));
        }
        // audited and counted: one refusal event per query, each with the candidate in the redactable side table
        assertEquals(
                shapes.size(),
                Db.count(
                        dataSource,
                        "select count(*) from audit_event e join audit_personal p on p.sequence = e.sequence"
                                + " where e.type = 'ACCESS_REFUSED' and e.actor_org = ? and e.query->>'reason' ="
                                + " 'too-broad' and (e.outcome->>'status') = '422'",
                        org));
        // the screening stops once it has found one entry more than an answer may disclose: the event says so
        assertEquals(
                shapes.size(),
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_org = ?"
                                + " and (outcome->>'matchedAtLeast')::int > " + MAX_ENTRIES
                                + " and outcome->>'verdict' <> 'NO_MATCH'",
                        org));
        assertEquals(
                quotaBefore + shapes.size(),
                Db.count(dataSource, "select coalesce(sum(used), 0) from quota_usage where org = ?", org));

        // a batch of such probes: each item refused, the whole answer small
        StringBuilder batch =
                new StringBuilder("{\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-1\",\"candidates\":[");
        for (int i = 0; i < 40; i++) {
            String[] shape = shapes.get(i % shapes.size());
            batch.append(i == 0 ? "" : ",")
                    .append("{\"fullName\":\"")
                    .append(shape[0])
                    .append("\",\"dateOfBirth\":\"")
                    .append(shape[1])
                    .append("\"}");
        }
        batch.append("]}");
        Response answer = as(TestTokens.screener(org))
                .contentType("application/json")
                .body(batch.toString())
                .post("/v1/checks/batch");
        answer.then()
                .statusCode(200)
                .body("items.status", everyItem(equalTo(422)))
                .body("items.problem.type", everyItem(equalTo("https://qorgau.org/problems/too-broad")));
        assertTrue(answer.asByteArray().length < 40 * 1_000, "batch answer of " + answer.asByteArray().length + " B");

        // usage shows the refusals
        as(TestTokens.auditor())
                .get("/v1/audit/usage?org=" + org)
                .then()
                .statusCode(200)
                .body("organisations[0].disclosure.tooBroadQueries", equalTo(shapes.size() + 40))
                .body("organisations[0].disclosure.entriesDisclosed", equalTo(0));
    }

    @Test
    void shouldScreenAPaddedOrRepeatedNameButDiscloseNothing() {
        String surname = word();
        String givenName = word();
        String id = uniqueId("PAD");
        importNdjson("upsert", entryJson(id, surname + " " + givenName, "1979-03-14"))
                .then()
                .statusCode(200);
        index.refresh();
        String org = uniqueId("padded");
        for (String name : List.of(
                "A B C D E F G " + givenName + " " + surname,
                surname + " " + surname + " " + givenName,
                "Marat " + givenName + " Bolat Aigerim Dana Asel Timur Saule " + surname,
                givenName + " X. " + surname + " X. X. " + surname)) {
            check(org, name, "1979-03-14")
                    .then()
                    .statusCode(201)
                    .body("verdict", not(equalTo("NO_MATCH")))
                    .body("matches[0].externalId", equalTo(id))
                    .body("matches[0].entry", nullValue())
                    .body("matches[0].explanation.detail", everyItem(nullValue()))
                    .body("entriesWithheld", equalTo("implausible-name"));
        }
        // the plain name shows the entry, to a reviewer who needs it
        check(org, givenName + " " + surname, "1979-03-14")
                .then()
                .statusCode(201)
                .body("matches[0].entry.fullName", equalTo(surname + " " + givenName))
                .body("entriesWithheld", nullValue());
        // what the audit log keeps per check is a few hundred bytes, not the entries
        long largest = Db.count(
                dataSource,
                "select max(length(outcome::text)) from audit_event where type = 'CHECK_PERFORMED' and actor_org = ?",
                org);
        assertTrue(largest < 1_000, "outcome of " + largest + " characters");
    }

    @Test
    void shouldCapDistinctEntriesDisclosedToOneScreenerPerDay() {
        int cap = 50; // qorgau.disclosure.entries-per-day-per-subject
        List<String[]> people = new ArrayList<>();
        StringBuilder registry = new StringBuilder();
        for (int i = 0; i < cap + 2; i++) {
            String[] person = {uniqueId("CAP"), word() + " " + word(), "1970-01-" + (10 + i % 18)};
            people.add(person);
            registry.append(entryJson(person[0], person[1], person[2])).append('\n');
        }
        importNdjson("upsert", registry.toString()).then().statusCode(200);
        index.refresh();
        String org = uniqueId("cap");
        for (int i = 0; i < cap; i++) {
            check(org, people.get(i)[1], people.get(i)[2])
                    .then()
                    .statusCode(201)
                    .body("matches[0].entry", notNullValue());
        }
        // the same entry again counts once
        check(org, people.get(0)[1], people.get(0)[2]).then().statusCode(201);
        Response refused = check(org, people.get(cap)[1], people.get(cap)[2]);
        refused.then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertTrue(!refused.asString().contains(people.get(cap)[1]));
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_org = ?"
                                + " and query->>'reason' = 'disclosure-cap'",
                        org));
        // a check that discloses nothing is still answered
        check(org, word() + " " + word(), "1990-01-01").then().statusCode(201).body("verdict", equalTo("NO_MATCH"));
        // another screener of the organisation has their own allowance (the organisation's is larger)
        as(TestTokens.token("screener", org, "second-screener"))
                .contentType("application/json")
                .body(checkJson(people.get(cap)[1], people.get(cap)[2]))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].entry", notNullValue());
        Map<String, Object> usage = usageDisclosure(org);
        assertEquals(cap + 1, usage.get("entriesDisclosed"));
        assertEquals(cap, usage.get("mostEntriesToOneSubjectInOneDay"));
        assertEquals(1, usage.get("dailyCapRefusals"));
    }

    /** The {@code disclosure} block of the usage report on {@code org}, as an auditor reads it. */
    static Map<String, Object> usageDisclosure(String org) {
        return as(TestTokens.auditor())
                .get("/v1/audit/usage?org=" + org)
                .then()
                .statusCode(200)
                .extract()
                .path("organisations[0].disclosure");
    }
}
