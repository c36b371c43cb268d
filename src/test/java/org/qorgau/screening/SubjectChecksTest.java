package org.qorgau.screening;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Api;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

/** Keyed candidate hashes in the check records: re-keying old hashes, and retention. */
@QuarkusTest
class SubjectChecksTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchingIndex index;

    @Inject
    SubjectChecks subjectChecks;

    @Inject
    CheckService checks;

    private String registered(String name, String dateOfBirth) {
        String id = uniqueId("SC");
        importNdjson("upsert", entryJson(id, name, dateOfBirth)).then().statusCode(200);
        index.refresh();
        return id;
    }

    private String check(String org, String name, String dateOfBirth) {
        return Api.checked(TestTokens.screener(org), name, dateOfBirth).path("checkId");
    }

    private void review(String org, String checkId, String externalId) {
        as(TestTokens.reviewer(org))
                .contentType("application/json")
                .body("{\"externalId\":\"" + externalId + "\",\"decision\":\"NOT_SAME_PERSON\",\"reason\":\"other"
                        + " mother's name\"}")
                .post("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(201);
    }

    private static String plainSha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldStoreOnlyAKeyedHashOfTheCandidate() throws Exception {
        String name = "Erbol " + uniqueSurname();
        String org = uniqueId("school");
        String checkId = check(org, name, "1988-02-02");
        String stored =
                Db.text(dataSource, "select candidate_key from screening_check where check_id = ?::uuid", checkId);
        assertEquals(checks.candidateKey(name, "1988-02-02"), stored);
        assertTrue(stored.startsWith("dev:"), stored);
        String unkeyed = plainSha256(String.join(
                        " ",
                        java.util.Arrays.stream(name.toLowerCase().split(" "))
                                .sorted()
                                .toList())
                + "|1988-02-02");
        assertTrue(!stored.contains(unkeyed), "not the plain SHA-256 anyone could recompute");
    }

    @Test
    void shouldReKeyAHashFromBeforeKeyedHashingFromTheAuditsPersonalFields() throws Exception {
        String name = "Bakyt " + uniqueSurname();
        String entry = registered(name, "1977-07-07");
        String org = uniqueId("school");
        String first = check(org, name, "1977-07-07");
        review(org, first, entry);
        // as an installation from before keyed hashing stored it
        String legacy = plainSha256(name.toLowerCase() + "|1977-07-07");
        Db.tamper(dataSource, "update screening_check set candidate_key = ? where check_id = ?::uuid", legacy, first);
        Db.tamper(dataSource, "update check_review set candidate_key = ? where check_id = ?::uuid", legacy, first);
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, "1977-07-07"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].priorReviews", empty());
        // (the scheduled sweep may have re-keyed it meanwhile; either way it ends re-keyed)
        while (subjectChecks.rekey(100) > 0) {
            // next batch
        }
        assertEquals(
                checks.candidateKey(name, "1977-07-07"),
                Db.text(dataSource, "select candidate_key from check_review where check_id = ?::uuid", first));
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, "1977-07-07"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].priorReviews", hasSize(1))
                .body("matches[0].priorReviews[0].checkId", equalTo(first));
    }

    @Test
    void shouldForgetWhomAChecksRecordIsAboutAfterRetention() {
        String name = "Sanzhar " + uniqueSurname();
        String entry = registered(name, "1966-06-06");
        String org = uniqueId("school");
        String first = check(org, name, "1966-06-06");
        review(org, first, entry);
        Instant cutoff = Instant.parse(Db.text(
                dataSource,
                "select to_char((created_at + interval '1 millisecond') at time zone 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from screening_check where check_id = ?::uuid",
                first));
        assertTrue(subjectChecks.forgetCandidatesBefore(cutoff) >= 1);
        assertTrue(Db.text(dataSource, "select candidate_key from screening_check where check_id = ?::uuid", first)
                .startsWith("forgotten:"));
        // a later check of the same person no longer links to the forgotten one's review
        as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, "1966-06-06"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("matches[0].priorReviews", empty());
        // the forgotten check can still be read and reviewed
        as(TestTokens.reviewer(org)).get("/v1/checks/" + first).then().statusCode(200);
        as(TestTokens.reviewer(org))
                .contentType("application/json")
                .body("{\"externalId\":\"" + entry + "\",\"decision\":\"NOT_SAME_PERSON\",\"reason\":\"again\","
                        + "\"supersedes\":null}")
                .post("/v1/checks/" + first + "/reviews")
                .then()
                .statusCode(201);
        assertEquals(0, subjectChecks.forgetCandidatesBefore(cutoff), "forgetting twice changes nothing");
    }
}
