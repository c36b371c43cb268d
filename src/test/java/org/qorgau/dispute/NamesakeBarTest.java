package org.qorgau.dispute;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.BilingualNames;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

/**
 * The person checked: two organisations check one namesake of a registered person; the subject-access answer lists
 * both; the registry authority resolves the dispute NOT_SAME_PERSON; a third organisation's check of the namesake is
 * NO_MATCH for that entry with the resolution in its explanation, while the registered person is still found.
 */
@QuarkusTest
class NamesakeBarTest {

    @Inject
    MatchingIndex index;

    @Inject
    AgroalDataSource dataSource;

    static String[] uniqueSurname() {
        return BilingualNames.uniqueSurname();
    }

    private String register(String name, String dateOfBirth) {
        String id = uniqueId("NS");
        importNdjson(
                        "upsert",
                        "{\"externalId\":\"" + id + "\",\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                                + "\",\"offence\":\"UK RK 121\",\"region\":\"Almaty\"}")
                .then()
                .statusCode(200);
        index.refresh();
        return id;
    }

    static JsonPath check(String org, String name, String dateOfBirth, String purpose) {
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                        + "\"},\"purpose\":\"" + purpose + "\",\"consentReference\":\"HR-7\"}")
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    static Map<String, Object> matchOf(JsonPath check, String externalId) {
        List<Map<String, Object>> matches = check.getList("matches");
        return matches.stream()
                .filter(m -> externalId.equals(m.get("externalId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no match for " + externalId + " in " + check.prettify()));
    }

    static String openDispute(String token, String checkId, String externalId) {
        return as(token)
                .contentType("application/json")
                .body("{\"checkId\":\"" + checkId + "\",\"externalId\":\"" + externalId
                        + "\",\"grounds\":\"Born in Aktobe to other parents; birth certificate seen\"}")
                .post("/v1/disputes")
                .then()
                .statusCode(201)
                .body("status", equalTo("OPEN"))
                .body("audit.sequence", notNullValue())
                .extract()
                .path("disputeId");
    }

    static void resolve(String disputeId, String decision) {
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"decision\":\"" + decision + "\",\"reason\":\"Civil registry: other parents, other place of"
                        + " birth\"}")
                .post("/v1/disputes/" + disputeId + "/resolution")
                .then()
                .statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolution.decision", equalTo(decision));
    }

    @Test
    void shouldClearAResolvedNamesakeForEveryLaterOrganisationWhileTheRegisteredPersonIsStillFound() {
        String[] surname = uniqueSurname();
        String registeredName = surname[0] + " Aidos";
        String entry = register(registeredName, "1980-05-17");
        // the namesake: same name, a birth date one digit away (enough for review), never registered
        String namesakeLatin = "Aidos " + surname[0];
        String namesakeCyrillic = surname[1] + " Айдос";
        String namesakeBorn = "1980-05-19";
        String orgA = uniqueId("school-a");
        String orgB = uniqueId("daycare-b");
        JsonPath first = check(orgA, namesakeLatin, namesakeBorn, "EMPLOYMENT");
        JsonPath second = check(orgB, namesakeCyrillic, namesakeBorn, "VOLUNTEERING");
        assertTrue(List.of("MATCH", "POSSIBLE_MATCH").contains(first.getString("verdict")), first.prettify());
        assertTrue(List.of("MATCH", "POSSIBLE_MATCH").contains(second.getString("verdict")), second.prettify());
        matchOf(first, entry);
        matchOf(second, entry);

        // subject access (in Cyrillic, reordered): both checks, with organisations, dates and purposes
        JsonPath access = as(TestTokens.token("data-protection-officer", "kz-operator"))
                .contentType("application/json")
                .body("{\"fullName\":\"" + namesakeCyrillic + "\",\"dateOfBirth\":\"" + namesakeBorn
                        + "\",\"identityReference\":\"ID card 041234567, seen 2026-11-30\"}")
                .post("/v1/subject-access-requests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> listed = access.getList("document.checks");
        assertEquals(2, listed.size(), access.prettify());
        assertEquals(first.getString("checkId"), listed.get(0).get("checkId"));
        assertEquals(orgA, listed.get(0).get("organisation"));
        assertEquals("EMPLOYMENT", listed.get(0).get("purpose"));
        assertEquals(first.getString("createdAt"), listed.get(0).get("checkedAt"));
        assertEquals(second.getString("checkId"), listed.get(1).get("checkId"));
        assertEquals(orgB, listed.get(1).get("organisation"));
        assertEquals("VOLUNTEERING", listed.get(1).get("purpose"));
        assertEquals(second.getString("createdAt"), listed.get(1).get("checkedAt"));

        // the first organisation disputes; the authority decides the namesake is not the registered person
        String disputeId = openDispute(TestTokens.screener(orgA), first.getString("checkId"), entry);
        resolve(disputeId, "NOT_SAME_PERSON");

        // a third organisation checks the namesake: NO_MATCH for that entry, the resolution in its explanation
        String orgC = uniqueId("tutors-c");
        JsonPath third = check(orgC, namesakeLatin.toUpperCase(), namesakeBorn, "CONTRACTOR");
        assertEquals("NO_MATCH", third.getString("verdict"), third.prettify());
        Map<String, Object> cleared = matchOf(third, entry);
        assertEquals("NO_MATCH", cleared.get("verdict"));
        assertEquals(null, cleared.get("entry"), "a cleared entry's registry details are not shown");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> explanation = (List<Map<String, Object>>) cleared.get("explanation");
        assertEquals("dispute", explanation.get(0).get("field"));
        String detail = (String) explanation.get(0).get("detail");
        assertTrue(detail.startsWith("resolved dispute " + disputeId + " on "), detail);
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) cleared.get("resolvedDispute");
        assertEquals(true, resolved.get("applied"));
        assertEquals("NOT_SAME_PERSON", resolved.get("decision"));

        // the registered person (the entry's own date of birth) is still found by the same organisation
        JsonPath registered = check(orgC, registeredName, "1980-05-17", "CONTRACTOR");
        assertEquals("MATCH", registered.getString("verdict"), registered.prettify());
        Map<String, Object> stands = matchOf(registered, entry);
        assertEquals("MATCH", stands.get("verdict"));
        assertEquals(null, stands.get("resolvedDispute"));

        // the outcome of the third check is audited with the entry's NO_MATCH
        long audited = Db.count(
                dataSource,
                "select count(*) from audit_event where type = 'CHECK_PERFORMED' and check_id = '"
                        + third.getString("checkId") + "' and outcome ->> 'verdict' = 'NO_MATCH'");
        assertEquals(1, audited);
    }

    @Test
    void shouldFlagTheNamesakeAgainOnceTheResolutionIsRevoked() {
        String[] surname = uniqueSurname();
        String entry = register(surname[0] + " Marat", "1975-02-11");
        String org = uniqueId("school");
        JsonPath first = check(org, "Marat " + surname[0], "1975-02-14", "EMPLOYMENT");
        String disputeId = openDispute(TestTokens.reviewer(org), first.getString("checkId"), entry);
        resolve(disputeId, "NOT_SAME_PERSON");
        assertEquals(
                "NO_MATCH",
                check(org, "Marat " + surname[0], "1975-02-14", "EMPLOYMENT").getString("verdict"));
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"reason\":\"Resolved on a forged certificate\"}")
                .post("/v1/disputes/" + disputeId + "/resolution/revocation")
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("resolution", nullValue());
        JsonPath again = check(uniqueId("other"), "Marat " + surname[0], "1975-02-14", "EMPLOYMENT");
        assertEquals(first.getString("verdict"), again.getString("verdict"));
        assertEquals(null, matchOf(again, entry).get("resolvedDispute"));
        // a second revocation has nothing to revoke; the dispute can be resolved again
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"reason\":\"again\"}")
                .post("/v1/disputes/" + disputeId + "/resolution/revocation")
                .then()
                .statusCode(409);
        resolve(disputeId, "SAME_PERSON");
        JsonPath confirmed = check(org, "Marat " + surname[0], "1975-02-14", "EMPLOYMENT");
        @SuppressWarnings("unchecked")
        Map<String, Object> beside =
                (Map<String, Object>) matchOf(confirmed, entry).get("resolvedDispute");
        assertEquals("SAME_PERSON", beside.get("decision"));
        assertEquals(false, beside.get("applied"));
        assertEquals(first.getString("verdict"), confirmed.getString("verdict"));
    }

    @Test
    void shouldNotClearARegisteredPersonByAResolutionAboutSomebodyElsesEntry() {
        String[] surname = uniqueSurname();
        String name = "Timur " + surname[0];
        // two entries: the candidate's own registration, and another person of the same name born two days later
        String own = register(name, "1983-08-21");
        String other = register(name, "1983-08-23");
        String org = uniqueId("school");
        JsonPath first = check(org, name, "1983-08-21", "EMPLOYMENT");
        matchOf(first, own);
        matchOf(first, other);
        String disputeId = openDispute(TestTokens.screener(org), first.getString("checkId"), other);
        resolve(disputeId, "NOT_SAME_PERSON");
        JsonPath later = check(uniqueId("second"), name, "1983-08-21", "EMPLOYMENT");
        assertEquals("MATCH", later.getString("verdict"), later.prettify());
        assertEquals("MATCH", matchOf(later, own).get("verdict"));
        assertEquals(null, matchOf(later, own).get("resolvedDispute"));
        assertEquals("NO_MATCH", matchOf(later, other).get("verdict"));
        // the cleared entry is listed after the standing match
        assertEquals(own, later.getString("matches[0].externalId"));
    }

    @Test
    void shouldLetTheMatchStandWhenTheEntryChangedSinceTheResolution() {
        String[] surname = uniqueSurname();
        String name = surname[0] + " Yerlan";
        String entry = register(name, "1969-12-02");
        String org = uniqueId("school");
        JsonPath first = check(org, name, "1969-12-05", "EMPLOYMENT");
        resolve(openDispute(TestTokens.screener(org), first.getString("checkId"), entry), "NOT_SAME_PERSON");
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"externalId\":\"" + entry + "\",\"fullName\":\"" + name + "\",\"dateOfBirth\":\"1969-12-02\","
                        + "\"offence\":\"UK RK 121\",\"region\":\"Shymkent\"}")
                .put("/v1/registry/entries/" + entry)
                .then()
                .statusCode(200);
        index.refresh();
        JsonPath later = check(uniqueId("second"), name, "1969-12-05", "EMPLOYMENT");
        assertEquals(first.getString("verdict"), later.getString("verdict"));
        Map<String, Object> match = matchOf(later, entry);
        assertEquals(first.getString("verdict"), match.get("verdict"));
        @SuppressWarnings("unchecked")
        Map<String, Object> beside = (Map<String, Object>) match.get("resolvedDispute");
        assertEquals(false, beside.get("applied"));
        assertEquals("ENTRY_CHANGED", beside.get("setAsideBecause"));
    }

    @Test
    void shouldLetTheMatchStandWhenAPhotoAgreesWithTheEntrys() {
        String[] surname = uniqueSurname();
        String name = "Bolat " + surname[0];
        StringBuilder hash = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 64; i++) {
            hash.append(Character.forDigit(random.nextInt(16), 16));
        }
        String entry = uniqueId("NS");
        importNdjson(
                        "upsert",
                        "{\"externalId\":\"" + entry + "\",\"fullName\":\"" + name + "\",\"dateOfBirth\":"
                                + "\"1971-04-01\",\"photoHashes\":[\"" + hash + "\"],\"offence\":\"UK RK 121\"}")
                .then()
                .statusCode(200);
        index.refresh();
        String org = uniqueId("school");
        JsonPath first = check(org, name, "1971-04-04", "EMPLOYMENT");
        resolve(openDispute(TestTokens.screener(org), first.getString("checkId"), entry), "NOT_SAME_PERSON");
        assertEquals("NO_MATCH", check(org, name, "1971-04-04", "EMPLOYMENT").getString("verdict"));
        JsonPath withPhoto = as(TestTokens.screener(org))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"1971-04-04\",\"photoHash\":\""
                        + hash + "\"},\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-8\"}")
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertEquals("MATCH", withPhoto.getString("verdict"), withPhoto.prettify());
        @SuppressWarnings("unchecked")
        Map<String, Object> beside =
                (Map<String, Object>) matchOf(withPhoto, entry).get("resolvedDispute");
        assertEquals(false, beside.get("applied"));
        assertEquals("PHOTO_MATCH", beside.get("setAsideBecause"));
    }

    @Test
    void shouldShowAnOrganisationNoDisputeOfAnother() {
        String[] surname = uniqueSurname();
        String entry = register(surname[0] + " Dana", "1990-01-15");
        String owner = uniqueId("owner");
        String stranger = uniqueId("stranger");
        JsonPath first = check(owner, surname[0] + " Dana", "1990-01-18", "EMPLOYMENT");
        String disputeId = openDispute(TestTokens.screener(owner), first.getString("checkId"), entry);
        as(TestTokens.screener(stranger))
                .get("/v1/disputes")
                .then()
                .statusCode(200)
                .body("items.disputeId", not(hasItem(disputeId)));
        as(TestTokens.reviewer(stranger))
                .get("/v1/disputes/" + disputeId)
                .then()
                .statusCode(404);
        // nor can it dispute the other organisation's check
        as(TestTokens.screener(stranger))
                .contentType("application/json")
                .body("{\"checkId\":\"" + first.getString("checkId") + "\",\"externalId\":\"" + entry
                        + "\",\"grounds\":\"probing\"}")
                .post("/v1/disputes")
                .then()
                .statusCode(404);
        assertTrue(Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'ACCESS_REFUSED' and actor_org = '" + stranger
                                + "'")
                >= 2);
        // the owner, the authority and the officer see it
        as(TestTokens.screener(owner))
                .get("/v1/disputes?status=OPEN&limit=500")
                .then()
                .statusCode(200)
                .body("items.disputeId", hasItem(disputeId));
        as(TestTokens.admin())
                .get("/v1/disputes/" + disputeId)
                .then()
                .statusCode(200)
                .body("grounds", containsString("Aktobe"));
        as(TestTokens.token("data-protection-officer", "kz-operator"))
                .get("/v1/disputes/" + disputeId)
                .then()
                .statusCode(200);
        // a screener cannot resolve; the same match cannot be disputed twice
        as(TestTokens.screener(owner))
                .contentType("application/json")
                .body("{\"decision\":\"NOT_SAME_PERSON\",\"reason\":\"we think so\"}")
                .post("/v1/disputes/" + disputeId + "/resolution")
                .then()
                .statusCode(403);
        as(TestTokens.screener(owner))
                .contentType("application/json")
                .body("{\"checkId\":\"" + first.getString("checkId") + "\",\"externalId\":\"" + entry
                        + "\",\"grounds\":\"again\"}")
                .post("/v1/disputes")
                .then()
                .statusCode(409);
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'DISPUTE_OPENED' and outcome ->> 'disputeId' = '"
                                + disputeId + "'"));
    }

    @Test
    void shouldRefuseInvalidDisputesAsProblems() {
        as(TestTokens.screener("any-org"))
                .contentType("application/json")
                .body("{\"checkId\":\"not-a-uuid\",\"grounds\":\"\"}")
                .post("/v1/disputes")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"decision\":\"MAYBE\",\"reason\":\"x\"}")
                .post("/v1/disputes/00000000-0000-0000-0000-000000000000/resolution")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        as(TestTokens.admin())
                .contentType("application/json")
                .body("{\"decision\":\"SAME_PERSON\",\"reason\":\"x\"}")
                .post("/v1/disputes/00000000-0000-0000-0000-000000000000/resolution")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.admin()).get("/v1/disputes?status=CLOSED").then().statusCode(422);
        as(TestTokens.admin()).get("/v1/disputes?cursor=%25%25").then().statusCode(422);
    }
}
