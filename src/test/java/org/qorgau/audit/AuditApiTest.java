package org.qorgau.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.common.CanonicalJson;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.Api;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class AuditApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchingIndex index;

    @Inject
    Retention retention;

    @Inject
    RefusalSummaries refusalSummaries;

    private String check(String token, String name, String dateOfBirth) {
        return Api.checked(token, name, dateOfBirth).path("checkId");
    }

    private long sequenceOf(String checkId) {
        return Db.count(
                dataSource,
                "select sequence from audit_event where type = 'CHECK_PERFORMED' and check_id = ?",
                UUID.fromString(checkId));
    }

    /** Waits until no event has been appended for a while: refusals of earlier tests are written asynchronously. */
    private void quiesce() throws InterruptedException {
        long last = -1;
        int stable = 0;
        long deadline = System.currentTimeMillis() + 10_000;
        while (stable < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            long head = Db.count(dataSource, "select sequence from audit_head");
            stable = head == last ? stable + 1 : 0;
            last = head;
        }
    }

    private JsonPath verify(String query) {
        return as(TestTokens.auditor())
                .get("/v1/audit/verify" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void shouldListEventsWithFiltersAndCursorPagination() {
        String org = uniqueId("audit-org");
        String screener = TestTokens.screener(org);
        String first = check(screener, "Ainur Bekova", "1990-01-01");
        check(screener, "Ainur Bekova", "1990-01-02");
        check(screener, "Ainur Bekova", "1990-01-03");
        JsonPath page = as(TestTokens.auditor())
                .queryParam("org", org)
                .queryParam("type", "CHECK_PERFORMED")
                .queryParam("limit", 2)
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("events", hasSize(2))
                .body("events[0].checkId", equalTo(first))
                .body("events[0].type", equalTo("CHECK_PERFORMED"))
                .body("events[0].actor.org", equalTo(org))
                .body("events[0].actor.subject", equalTo("screener-user@" + org))
                .body("events[0].actor.roles", hasItem("screener"))
                .body("events[0].purpose", equalTo("EMPLOYMENT"))
                .body("events[0].query.consentReference", equalTo("HR-1"))
                .body("events[0].candidate.fullName", equalTo("Ainur Bekova"))
                .body("events[0].candidate.dateOfBirth", equalTo("1990-01-01"))
                .body("events[0].outcome.verdict", equalTo("NO_MATCH"))
                .body("events[0].registryVersion", notNullValue())
                .body("events[0].eventId", notNullValue())
                .body("events[0].occurredAt", notNullValue())
                .body("events[0].prevHash", matchesPattern("[0-9a-f]{64}"))
                .body("events[0].hash", matchesPattern("[0-9a-f]{64}"))
                .body("events[0].personalCommitment", matchesPattern("[0-9a-f]{64}"))
                .body("nextCursor", notNullValue())
                .extract()
                .jsonPath();
        as(TestTokens.auditor())
                .queryParam("org", org)
                .queryParam("type", "CHECK_PERFORMED")
                .queryParam("limit", 2)
                .queryParam("cursor", page.getString("nextCursor"))
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].candidate.dateOfBirth", equalTo("1990-01-03"))
                .body("nextCursor", nullValue());
        as(TestTokens.auditor())
                .queryParam("org", org)
                .queryParam("verdict", "MATCH")
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("events", hasSize(0));
        as(TestTokens.auditor())
                .queryParam("actor", "screener-user@" + org)
                .queryParam("from", Instant.now().minusSeconds(600).toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("events", hasSize(3))
                .body("events.actor.org", everyItem(equalTo(org)));
    }

    @Test
    void shouldRejectInvalidFilters() {
        as(TestTokens.auditor()).get("/v1/audit/events?type=NOPE").then().statusCode(422);
        as(TestTokens.auditor()).get("/v1/audit/events?from=yesterday").then().statusCode(422);
        as(TestTokens.auditor()).get("/v1/audit/events?limit=0").then().statusCode(422);
        as(TestTokens.auditor()).get("/v1/audit/events?verdict=MAYBE").then().statusCode(422);
    }

    @Test
    void shouldRecordEveryAuditReadAsAnEvent() {
        long before = Db.count(dataSource, "select count(*) from audit_event where type = 'AUDIT_READ'");
        as(TestTokens.auditor()).get("/v1/audit/events?limit=1").then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/audit/verify?from=1&to=1").then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/audit/checkpoints").then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/audit/usage").then().statusCode(200);
        as(TestTokens.auditor())
                .accept("application/x-ndjson")
                .get("/v1/audit/events?type=REVIEW_RECORDED")
                .then()
                .statusCode(200);
        long after = Db.count(dataSource, "select count(*) from audit_event where type = 'AUDIT_READ'");
        assertEquals(before + 5, after);
    }

    @Test
    void shouldExportTheSameSelectionAsCsvWithFormulaCellsEscapedAndAsNdjson() {
        String org = uniqueId("export-org");
        // a subject a spreadsheet would run as a formula
        String screener = TestTokens.token("screener", org, "=HYPERLINK(\"http://evil.example\",\"x\")");
        check(screener, "Dana Sultan", "1988-08-08");
        check(screener, "=cmd|' /C calc'!A0", "1988-08-09");
        String csv = as(TestTokens.auditor())
                .accept("text/csv")
                .queryParam("org", org)
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        assertEquals(3, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("sequence,eventId,occurredAt,type,actorSubject,actorOrg"));
        assertTrue(lines.get(1).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","), lines.get(1));
        for (String line : lines) {
            for (String cell : line.split(",")) {
                assertFalse(cell.startsWith("=") || cell.startsWith("\"="), "unescaped formula cell in " + line);
            }
        }
        String ndjson = as(TestTokens.auditor())
                .accept("application/x-ndjson")
                .queryParam("org", org)
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .extract()
                .asString();
        List<String> events = ndjson.lines().toList();
        assertEquals(2, events.size());
        JsonNode second = CanonicalJson.parse(events.get(1));
        assertEquals(
                "=cmd|' /C calc'!A0", second.get("candidate").get("fullName").asText());
        assertEquals("CHECK_PERFORMED", second.get("type").asText());
    }

    @Test
    void shouldVerifyTheWholeChain() {
        check(TestTokens.screener("verify-org"), "Erlan Kassym", "1970-07-07");
        JsonPath result = verify("");
        assertTrue(result.getBoolean("valid"), result.prettify());
        assertEquals(1L, result.getLong("firstSequence"));
        assertEquals(result.getLong("lastSequence"), result.getLong("checked"));
        assertEquals(
                Db.text(dataSource, "select hash from audit_event where sequence = ?", result.getLong("lastSequence")),
                result.getString("headHash"));
        org.junit.jupiter.api.Assertions.assertNull((Object) result.get("brokenAt"));
    }

    @Test
    void shouldNameTheFirstBrokenSequenceWhenARowIsAlteredInTheDatabase() {
        String checkId = check(TestTokens.screener("tamper-org"), "Marat Akhmetov", "1965-05-05");
        check(TestTokens.screener("tamper-org"), "Marat Akhmetov", "1965-05-06");
        long sequence = sequenceOf(checkId);
        String original = Db.text(dataSource, "select outcome::text from audit_event where sequence = ?", sequence);
        try {
            Db.tamper(
                    dataSource,
                    "update audit_event set outcome = jsonb_set(outcome, '{verdict}', '\"MATCH\"') where sequence = ?",
                    sequence);
            JsonPath result = verify("");
            assertFalse(result.getBoolean("valid"));
            assertEquals(sequence, result.getLong("brokenAt"));
            assertEquals(sequence - 1, result.getLong("lastSequence"));
        } finally {
            Db.tamper(dataSource, "update audit_event set outcome = ?::jsonb where sequence = ?", original, sequence);
        }
        assertTrue(verify("").getBoolean("valid"));
    }

    @Test
    void shouldDetectAlteredPersonalFieldsThroughTheirCommitment() {
        String checkId = check(TestTokens.screener("tamper-org"), "Gulnara Omarova", "1975-03-03");
        check(TestTokens.screener("tamper-org"), "Someone Else", "1975-03-04");
        long sequence = sequenceOf(checkId);
        String original = Db.text(dataSource, "select fields::text from audit_personal where sequence = ?", sequence);
        try {
            Db.tamper(
                    dataSource,
                    "update audit_personal set fields = jsonb_set(fields, '{fullName}', '\"Innocent Person\"')"
                            + " where sequence = ?",
                    sequence);
            JsonPath result = verify("");
            assertFalse(result.getBoolean("valid"));
            assertEquals(sequence, result.getLong("brokenAt"));
        } finally {
            Db.tamper(dataSource, "update audit_personal set fields = ?::jsonb where sequence = ?", original, sequence);
        }
        assertTrue(verify("").getBoolean("valid"));
    }

    @Test
    void shouldRefuseUpdateDeleteAndTruncateOnTheAuditTables() throws SQLException {
        check(TestTokens.screener("append-only-org"), "Timur Nurov", "1980-02-02");
        as(TestTokens.auditor()).post("/v1/audit/checkpoints").then().statusCode(201);
        for (String sql : List.of(
                "update audit_event set type = 'X' where sequence = 1",
                "delete from audit_event where sequence = 1",
                "truncate audit_event cascade",
                "update audit_checkpoint set hash = 'x'",
                "delete from audit_checkpoint",
                "delete from audit_personal")) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(
                        SQLException.class, () -> statement.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql);
            }
        }
    }

    @Test
    void shouldSignCheckpointsThatVerifyWithThePublishedKey() throws Exception {
        check(TestTokens.screener("checkpoint-org"), "Asel Karim", "1992-12-12");
        JsonPath signed = as(TestTokens.auditor())
                .post("/v1/audit/checkpoints")
                .then()
                .statusCode(201)
                .body("sequence", notNullValue())
                .body("hash", matchesPattern("[0-9a-f]{64}"))
                .extract()
                .jsonPath();
        JsonPath list = as(TestTokens.auditor())
                .get("/v1/audit/checkpoints")
                .then()
                .statusCode(200)
                .body("algorithm", equalTo("Ed25519"))
                .body("publicKeyPem", startsWith("-----BEGIN PUBLIC KEY-----"))
                .extract()
                .jsonPath();
        assertEquals(signed.getLong("sequence"), list.getLong("checkpoints[0].sequence"));
        // the documented signed message, built independently of the service's code
        String message = "{\"hash\":\"" + signed.getString("hash") + "\",\"sequence\":" + signed.getLong("sequence")
                + ",\"signedAt\":\"" + signed.getString("signedAt") + "\"}";
        var key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(list.getString("publicKey"))));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(signed.getString("signature"))), message);
        assertEquals(
                Db.text(dataSource, "select hash from audit_event where sequence = ?", signed.getLong("sequence")),
                signed.getString("hash"));
    }

    @Test
    void shouldDetectARewrittenChainAgainstACheckpoint() throws InterruptedException {
        quiesce();
        String checkId = check(TestTokens.screener("rewrite-org"), "Bolat Serik", "1977-04-04");
        long sequence = sequenceOf(checkId);
        JsonPath checkpoint = as(TestTokens.auditor())
                .post("/v1/audit/checkpoints")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertEquals(sequence, checkpoint.getLong("sequence"));
        String keptHash = checkpoint.getString("hash");
        String original = Db.text(dataSource, "select outcome::text from audit_event where sequence = ?", sequence);
        try {
            // an attacker with database access rewrites the verdict and recomputes every hash after it
            Db.tamper(
                    dataSource,
                    "update audit_event set outcome = jsonb_set(outcome, '{verdict}', '\"MATCH\"') where sequence = ?",
                    sequence);
            Db.rechain(dataSource, sequence);
            JsonPath withKept = verify("?fromCheckpoint=" + sequence + ":" + keptHash);
            assertFalse(withKept.getBoolean("valid"));
            assertEquals(sequence, withKept.getLong("brokenAt"));
            JsonPath withStored = verify("?fromCheckpoint=" + sequence);
            assertFalse(withStored.getBoolean("valid"));
            assertEquals(sequence, withStored.getLong("brokenAt"));
            JsonPath whole = verify("");
            assertFalse(whole.getBoolean("valid"));
            assertEquals(sequence, whole.getLong("brokenAt"));
        } finally {
            Db.tamper(dataSource, "update audit_event set outcome = ?::jsonb where sequence = ?", original, sequence);
            Db.rechain(dataSource, sequence);
        }
        JsonPath restored = verify("?fromCheckpoint=" + sequence + ":" + keptHash);
        assertTrue(restored.getBoolean("valid"), restored.prettify());
        assertEquals(sequence, restored.getLong("firstSequence"));
    }

    @Test
    void shouldDetectTruncationAfterACheckpoint() throws SQLException, InterruptedException {
        quiesce();
        check(TestTokens.screener("truncate-org"), "Kairat Zhan", "1969-09-09");
        // two events without personal fields, then a checkpoint over them
        as(TestTokens.auditor()).get("/v1/audit/checkpoints?limit=1").then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/audit/checkpoints?limit=1").then().statusCode(200);
        JsonPath checkpoint = as(TestTokens.auditor())
                .post("/v1/audit/checkpoints")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        long head = checkpoint.getLong("sequence");
        String headHash = checkpoint.getString("hash");
        String backup = "audit_backup_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "create table " + backup + " as select * from audit_event where sequence > " + (head - 2));
            Db.tamper(dataSource, "delete from audit_event where sequence > ?", head - 2);
            statement.execute("update audit_head set sequence = " + (head - 2)
                    + ", hash = (select hash from audit_event where sequence = " + (head - 2) + ")");
            try {
                JsonPath result = verify("");
                assertFalse(result.getBoolean("valid"));
                assertEquals(head - 1, result.getLong("brokenAt"));
                assertTrue(result.getString("problem").contains("truncated"), result.getString("problem"));
            } finally {
                // put the log back: drop what was appended meanwhile, restore the deleted events and the head
                Db.tamper(dataSource, "delete from audit_event where sequence > ?", head - 2);
                Db.tamper(dataSource, "insert into audit_event select * from " + backup);
                statement.execute("update audit_head set sequence = " + head + ", hash = '" + headHash + "'");
                statement.execute("drop table " + backup);
            }
        }
        assertTrue(verify("").getBoolean("valid"));
    }

    @Test
    void shouldRedactPersonalFieldsAfterRetentionAndStillVerify() {
        String checkId = check(TestTokens.screener("retention-org"), "Saule Amanova", "1983-06-06");
        long sequence = sequenceOf(checkId);
        String hashBefore = Db.text(dataSource, "select hash from audit_event where sequence = ?", sequence);
        retention.redactBefore(Instant.now().plusMillis(1));
        as(TestTokens.auditor())
                .queryParam("org", "retention-org")
                .queryParam("type", "CHECK_PERFORMED")
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("events.find { it.checkId == '" + checkId + "' }.candidate", nullValue())
                .body("events.find { it.checkId == '" + checkId + "' }.redacted", equalTo(true))
                .body("events.find { it.checkId == '" + checkId + "' }.outcome.verdict", equalTo("NO_MATCH"))
                .body(
                        "events.find { it.checkId == '" + checkId + "' }.personalCommitment",
                        matchesPattern("[0-9a-f]{64}"));
        assertEquals(
                0,
                Db.count(
                        dataSource,
                        "select count(*) from audit_personal where sequence = ? and (fields is not null or salt is not null)",
                        sequence));
        assertEquals(hashBefore, Db.text(dataSource, "select hash from audit_event where sequence = ?", sequence));
        assertTrue(verify("").getBoolean("valid"));
    }

    @Test
    void shouldAuditRefusedAccesses() throws InterruptedException {
        String path = "/v1/checks/" + UUID.randomUUID();
        RestAssured.given().get(path).then().statusCode(401);
        as(TestTokens.admin()).get(path).then().statusCode(403);
        as(TestTokens.screener("nosy-org")).get(path).then().statusCode(404);
        String sql = "select count(*) from audit_event where type = 'ACCESS_REFUSED' and query ->> 'resource' = ?";
        long deadline = System.currentTimeMillis() + 10_000;
        long recorded = 0;
        while (System.currentTimeMillis() < deadline && recorded < 2) {
            Thread.sleep(50); // refusals are written by a worker, after the answer
            recorded = Db.count(dataSource, sql, path);
        }
        // the known subjects' refusals are events of their own; the anonymous 401 is counted into a summary
        assertEquals(2, recorded);
        refusalSummaries.flush(true);
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select coalesce(sum((query -> 'paths' ->> ?)::bigint), 0) from audit_event"
                                + " where type = 'ACCESS_REFUSED' and query ->> 'summary' = 'true'"
                                + " and outcome -> 'statuses' ->> '401' is not null",
                        path));
        List<String> statuses = List.of("403", "404");
        for (String status : statuses) {
            assertEquals(
                    1,
                    Db.count(
                            dataSource,
                            "select count(*) from audit_event where type = 'ACCESS_REFUSED' and query ->> 'resource' = ?"
                                    + " and outcome ->> 'status' = ?",
                            path,
                            status),
                    status);
        }
        as(TestTokens.auditor())
                .queryParam("type", "ACCESS_REFUSED")
                .queryParam("org", "nosy-org")
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("events.outcome.status", hasItem(404));
    }

    @Test
    void shouldReportUsagePerOrganisation() {
        String org = uniqueId("usage-org");
        String screener = TestTokens.screener(org);
        check(screener, "Aidos Tlek", "1991-01-01");
        check(screener, "tlek aidos", "1991-01-01");
        check(screener, "Aidos  Tlek", "1991-01-01");
        check(screener, "Other Person", "1991-01-02");
        as(TestTokens.auditor())
                .queryParam("org", org)
                .get("/v1/audit/usage")
                .then()
                .statusCode(200)
                .body("organisations", hasSize(1))
                .body("organisations[0].org", equalTo(org))
                .body("organisations[0].checks", equalTo(4))
                .body("organisations[0].distinctCandidates", equalTo(2))
                .body("organisations[0].repeatedCandidates", equalTo(1))
                .body("organisations[0].maxChecksOfOneCandidate", equalTo(3))
                .body("organisations[0].verdicts.NO_MATCH", equalTo(4))
                .body("organisations[0].perDay.checks.sum()", equalTo(4))
                .body("organisations[0].screeners", equalTo(1))
                .body("organisations[0].outsideWorkingHoursShare", notNullValue());
    }

    @Test
    void shouldAnswer403ToNonAuditors() {
        for (String token : List.of(TestTokens.screener("x"), TestTokens.reviewer("x"), TestTokens.admin())) {
            as(token).get("/v1/audit/events").then().statusCode(403);
            as(token).get("/v1/audit/verify").then().statusCode(403);
            as(token).get("/v1/audit/checkpoints").then().statusCode(403);
            as(token).post("/v1/audit/checkpoints").then().statusCode(403);
            as(token).get("/v1/audit/usage").then().statusCode(403);
        }
        RestAssured.given().get("/v1/audit/verify").then().statusCode(401);
        as(TestTokens.expired("auditor")).get("/v1/audit/events").then().statusCode(401);
        as(TestTokens.badSignature("auditor")).get("/v1/audit/events").then().statusCode(401);
        as(TestTokens.wrongIssuer("auditor")).get("/v1/audit/usage").then().statusCode(401);
    }
}
