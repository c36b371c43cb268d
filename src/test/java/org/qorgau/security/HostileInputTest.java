package org.qorgau.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.qorgau.support.HostileCorpus;
import org.qorgau.support.HostileCorpus.Case;
import org.qorgau.support.TestTokens;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/}) sent to every endpoint, field, path id, query
 * parameter and import format that takes it. Every answer is 2xx or a 4xx {@code application/problem+json} body
 * without internals — never a 5xx — within a bound; values that can never be valid (an impossible date, a short photo
 * hash, invalid UTF-8, a control character in a name) are refused; and the service stays ready with a valid audit
 * chain afterwards.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    static final List<Case> STRINGS = HostileCorpus.load("hostile/strings.txt");
    static final List<Case> BODIES = HostileCorpus.load("hostile/bodies.txt");
    static final List<Case> IMPORTS = HostileCorpus.load("hostile/imports.txt");

    /** Longest any single hostile request may take (shared 2-core machine, so generous). */
    static final long BOUND_MILLIS = 10_000;

    /** Longest percent-encoded value put into a URL; longer URLs are refused by the HTTP layer (414). */
    static final int MAX_URL_VALUE = 1_500;

    @io.quarkus.test.common.http.TestHTTPResource("/v1/checks")
    java.net.URL checksUrl;

    static final String REVIEW_ORG = "hostile-review";
    static final String DOB = "1881-01-01"; // far from every other test's candidates: hostile entries match nothing

    static String reviewCheckId;

    record Site(String name, Function<Case, Response> send, boolean mustRefuse) {}

    @Test
    @Order(0)
    void shouldHoldAtLeast200Cases() {
        int total = STRINGS.size() + BODIES.size() + IMPORTS.size();
        assertTrue(total >= 200, "corpus has " + total + " cases");
        assertEquals(
                total,
                Stream.of(STRINGS, BODIES, IMPORTS)
                        .flatMap(List::stream)
                        .map(c -> c.file() + c.name())
                        .distinct()
                        .count(),
                "case names are unique");
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyStringInEveryFieldIdAndParameter() {
        ensureReviewTarget();
        return STRINGS.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    String org = "hostile-" + Integer.toHexString(c.name().hashCode());
                    List<String> failures = new ArrayList<>();
                    for (Site site : stringSites(org)) {
                        if (site.name().startsWith("GET ")
                                || site.name().startsWith("DELETE ")
                                || site.name().contains("{id}")
                                || site.name().contains("?")) {
                            if (c.urlEncoded().length() > MAX_URL_VALUE) {
                                continue; // refused by the HTTP layer itself (414), see shouldRefuseOverlongUrls
                            }
                        }
                        Response response = timed(site, c, failures);
                        check(failures, () -> assertHandled(response, c, site.name()));
                        if (site.mustRefuse() && mustRefuse(site.name(), c)) {
                            check(
                                    failures,
                                    () -> assertTrue(
                                            response.statusCode() >= 400 || batchItemRefused(site, response),
                                            site.name() + " accepted " + c.name() + ": " + response.statusCode()));
                        }
                    }
                    assertTrue(failures.isEmpty(), String.join("\n", failures));
                    assertReady();
                }));
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyStringInEveryImportField() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String field : List.of("externalId", "fullName", "aliases", "dateOfBirth")) {
            tests.add(DynamicTest.dynamicTest("ndjson." + field, () -> importEveryString(false, field)));
            tests.add(DynamicTest.dynamicTest("csv." + field, () -> importEveryString(true, field)));
        }
        return tests.stream();
    }

    /**
     * All well-formed values in one file (one line each): refused values must be named by line, and the rest, sent
     * again alone, must import. Values that are not even UTF-8 go one file each and must be refused whole.
     */
    private void importEveryString(boolean csv, String field) {
        String type = csv ? "text/csv" : "application/x-ndjson";
        String admin = TestTokens.admin();
        List<Case> wellFormed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Case c : STRINGS) {
            if (isUtf8(c.raw())) {
                wellFormed.add(c);
            } else {
                Response alone = send(
                        admin, "POST", "/v1/registry/imports?mode=upsert", type, importFile(csv, field, List.of(c)));
                check(failures, () -> assertHandled(alone, c, (csv ? "csv." : "ndjson.") + field));
                check(failures, () -> assertTrue(alone.statusCode() >= 400, field + " imported " + c.name()));
            }
        }
        Response all =
                send(admin, "POST", "/v1/registry/imports?mode=upsert", type, importFile(csv, field, wellFormed));
        Case combined = new Case("strings", "all well-formed strings", List.of());
        assertHandled(all, combined, (csv ? "csv." : "ndjson.") + field);
        if (all.statusCode() == 422 && !csv) {
            List<Integer> lines = all.path("errors.line");
            java.util.Set<Integer> refused = new java.util.HashSet<>(lines);
            List<Case> accepted = new ArrayList<>();
            for (int i = 0; i < wellFormed.size(); i++) {
                Case c = wellFormed.get(i);
                boolean wasRefused = refused.contains(i + 1);
                if (!wasRefused) {
                    accepted.add(c);
                }
                if (mustRefuse(field.equals("aliases") ? "aliases" : "entry." + field, c)) {
                    check(failures, () -> assertTrue(wasRefused, "ndjson." + field + " accepted " + c.name()));
                }
            }
            Response rest =
                    send(admin, "POST", "/v1/registry/imports?mode=upsert", type, importFile(false, field, accepted));
            check(
                    failures,
                    () -> assertEquals(200, rest.statusCode(), "the valid remainder imports: " + rest.asString()));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertReady();
    }

    private static byte[] importFile(boolean csv, String field, List<Case> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (csv) {
            out.writeBytes(utf8("externalId,fullName,aliases,dateOfBirth,offence\n"));
        }
        for (Case v : values) {
            out.writeBytes(csv ? csvFile(field, v) : ndjsonLine(field, v));
        }
        return out.toByteArray();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static void check(List<String> failures, Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }

    @Test
    @Order(4)
    void shouldRefuseOverlongUrlsAtTheHttpLayerAndStayReady() throws Exception {
        for (int length : new int[] {5_000, 20_000, 100_000}) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(checksUrl + "/" + "A".repeat(length)))
                                    .header("Authorization", "Bearer " + TestTokens.screener("hostile-url"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(
                    response.statusCode() == 414 || response.statusCode() == 431,
                    length + "-character URL answered " + response.statusCode());
        }
        assertReady();
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyBodyAtEveryJsonEndpoint() {
        ensureReviewTarget();
        return BODIES.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    String org = "hostile-body-" + Integer.toHexString(c.name().hashCode());
                    List<Site> sites = List.of(
                            new Site(
                                    "POST /v1/checks",
                                    v -> post(TestTokens.screener(org), "/v1/checks", json(v)),
                                    false),
                            new Site(
                                    "POST /v1/checks/batch",
                                    v -> post(TestTokens.screener(org), "/v1/checks/batch", json(v)),
                                    false),
                            new Site(
                                    "POST reviews",
                                    v -> post(
                                            TestTokens.reviewer(REVIEW_ORG),
                                            "/v1/checks/" + reviewCheckId + "/reviews",
                                            json(v)),
                                    false),
                            new Site(
                                    "PUT entry",
                                    v -> send(
                                            TestTokens.admin(),
                                            "PUT",
                                            "/v1/registry/entries/X",
                                            "application/json",
                                            v.raw()),
                                    false),
                            new Site(
                                    "NDJSON import",
                                    v -> send(
                                            TestTokens.admin(),
                                            "POST",
                                            "/v1/registry/imports?mode=upsert",
                                            "application/x-ndjson",
                                            v.raw()),
                                    false));
                    for (Site site : sites) {
                        assertHandled(timed(site, c), c, site.name());
                    }
                    assertReady();
                }));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> everyImportFile() {
        return IMPORTS.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    boolean csv = c.name().startsWith("csv:");
                    for (String mode : List.of("upsert", "replace")) {
                        if (mode.equals("replace")
                                && !c.name().endsWith("empty")
                                && !c.name().contains("bomb")) {
                            continue; // a replace that succeeded would empty the shared registry of other tests'
                            // entries
                        }
                        Site site = new Site(
                                "POST /v1/registry/imports?mode=" + mode,
                                v -> send(
                                        TestTokens.admin(),
                                        "POST",
                                        "/v1/registry/imports?mode=" + mode,
                                        csv ? "text/csv" : "application/x-ndjson",
                                        v.raw()),
                                false);
                        Response response = timed(site, c);
                        assertHandled(response, c, site.name());
                        if (c.name().contains("bomb")
                                || c.name().contains("invalid-utf8")
                                || c.name().contains("lone")) {
                            assertTrue(response.statusCode() >= 400, c.name() + " was imported");
                        }
                    }
                    assertReady();
                }));
    }

    @Test
    @Order(4)
    void shouldAnswer413ForHugeBodiesAnd411ForBodiesOfUnknownLength() {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        for (String path :
                List.of("/v1/checks", "/v1/checks/batch", "/v1/checks/" + ensureReviewTarget() + "/reviews")) {
            send(TestTokens.screener("hostile-huge"), "POST", path, "application/json", huge)
                    .then()
                    .statusCode(413)
                    .contentType("application/problem+json");
        }
        send(TestTokens.admin(), "PUT", "/v1/registry/entries/X", "application/json", huge)
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        // unknown length: chunked over HTTP/1.1, and HTTP/2 (h2c) without content-length, where no
        // Transfer-Encoding header exists to look at
        for (java.net.http.HttpClient.Version version :
                List.of(java.net.http.HttpClient.Version.HTTP_1_1, java.net.http.HttpClient.Version.HTTP_2)) {
            java.net.http.HttpResponse<String> chunked;
            try {
                byte[] body = checkJson("Chunked Body", "1980").getBytes(StandardCharsets.UTF_8);
                java.net.http.HttpClient client =
                        java.net.http.HttpClient.newBuilder().version(version).build();
                // a first request, so an h2c upgrade has happened before the bodied one
                client.send(
                        java.net.http.HttpRequest.newBuilder(checksUrl.toURI().resolve("/q/health/live"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                chunked = client.send(
                        java.net.http.HttpRequest.newBuilder(checksUrl.toURI())
                                .header("Authorization", "Bearer " + TestTokens.screener("hostile-chunked"))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(body)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertEquals(411, chunked.statusCode(), version + ": " + chunked.body());
            assertTrue(chunked.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        assertReady();
    }

    @Test
    @Order(5)
    void shouldEscapeFormulaCellsInTheAuditCsvExport() {
        // formulae arrive through the token (subject, org) and through the check itself
        String org = "@SUM(1+1)*cmd|' /C calc'!A0";
        String token = TestTokens.token("screener", org, "=cmd|' /C calc'!A0");
        for (Case c : STRINGS) {
            if (c.name().startsWith("formula-")) {
                as(token)
                        .contentType("application/json")
                        .body(checkJson("x", "1980")
                                .replace("\"x\"", new String(c.jsonString(), StandardCharsets.UTF_8)))
                        .post("/v1/checks")
                        .then()
                        .statusCode(anyOf(equalTo(201), equalTo(422)));
            }
        }
        String csv = as(TestTokens.auditor())
                .accept("text/csv")
                .queryParam("type", "CHECK_PERFORMED")
                .queryParam("org", org)
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<List<String>> rows = parseCsv(csv);
        assertTrue(rows.size() > 1, "the export holds the formula checks");
        for (List<String> row : rows) {
            for (String cell : row) {
                assertFalse(
                        !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0,
                        "a spreadsheet would run this cell as a formula: " + cell);
            }
        }
        assertTrue(csv.contains("'=cmd|"), "the subject is kept, escaped");
        assertTrue(csv.contains("'@SUM(1+1)"), "the organisation is kept, escaped");
    }

    @Test
    @Order(6)
    void shouldStayReadyWithAValidAuditChainAfterTheCorpus() {
        assertReady();
        given().get("/q/health/live").then().statusCode(200);
        as(TestTokens.auditor()).get("/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        as(TestTokens.screener("hostile-after"))
                .contentType("application/json")
                .body(checkJson("Ordinary Candidate", "1980-05-05"))
                .post("/v1/checks")
                .then()
                .statusCode(201);
    }

    // ---- sites ------------------------------------------------------------------------------------------------

    private List<Site> stringSites(String org) {
        String screener = TestTokens.screener(org);
        String reviewer = TestTokens.reviewer(REVIEW_ORG);
        String auditor = TestTokens.auditor();
        String admin = TestTokens.admin();
        List<Site> sites = new ArrayList<>();
        // check body fields
        sites.add(check(screener, "check.fullName", v -> checkBody(v, null, null, null, null, null), true));
        sites.add(check(screener, "check.dateOfBirth", v -> checkBody(null, v, null, null, null, null), true));
        sites.add(check(screener, "check.photoHash", v -> checkBody(null, null, v, null, null, null), true));
        sites.add(check(screener, "check.purpose", v -> checkBody(null, null, null, v, null, null), true));
        sites.add(check(screener, "check.consentReference", v -> checkBody(null, null, null, null, v, null), false));
        // batch fields
        sites.add(batch(screener, "batch.fullName", v -> batchBody(v, null, null, null), true));
        // review fields
        sites.add(new Site(
                "review.externalId",
                v -> post(reviewer, "/v1/checks/" + reviewCheckId + "/reviews", reviewBody(v, null, null)),
                false));
        sites.add(new Site(
                "review.reason",
                v -> post(reviewer, "/v1/checks/" + reviewCheckId + "/reviews", reviewBody(null, null, v)),
                false));
        // registry entry PUT fields (a fresh id per case, so accepted values become their own entries)
        for (String field : List.of("fullName", "photoHashes")) {
            sites.add(new Site(
                    "entry." + field,
                    v -> {
                        String id = "H-PUT-" + Integer.toHexString((v.name() + field).hashCode());
                        return send(
                                admin,
                                "PUT",
                                "/v1/registry/entries/" + id,
                                "application/json",
                                entryBody(id, field, v));
                    },
                    Set.of("fullName", "dateOfBirth", "photoHashes").contains(field)));
        }
        // path ids
        sites.add(new Site("GET /v1/checks/{id}", v -> get(screener, "/v1/checks/" + v.urlEncoded()), false));
        sites.add(new Site(
                "POST /v1/checks/{id}/reviews",
                v -> post(
                        reviewer,
                        "/v1/checks/" + v.urlEncoded() + "/reviews",
                        utf8("{\"externalId\":\"X\",\"decision\":\"SAME_PERSON\",\"reason\":\"r\"}")),
                false));
        sites.add(new Site(
                "GET /v1/registry/entries/{id}", v -> get(admin, "/v1/registry/entries/" + v.urlEncoded()), false));
        sites.add(new Site(
                "PUT /v1/registry/entries/{id}",
                v -> send(
                        admin,
                        "PUT",
                        "/v1/registry/entries/" + v.urlEncoded(),
                        "application/json",
                        concat(
                                utf8("{\"externalId\":"),
                                v.jsonString(),
                                utf8(",\"fullName\":\"Path Id\",\"dateOfBirth\":\"" + DOB + "\",\"offence\":\"o\"}"))),
                false));
        sites.add(new Site(
                "DELETE /v1/registry/entries/{id}",
                v -> send(
                        admin,
                        "DELETE",
                        "/v1/registry/entries/" + v.urlEncoded() + "?reason=" + v.urlEncoded(),
                        null,
                        null),
                false));
        // query parameters
        for (String p : List.of("actor", "from", "cursor", "limit")) {
            sites.add(new Site(
                    "GET /v1/checks?" + p, v -> get(screener, "/v1/checks?" + p + "=" + v.urlEncoded()), false));
        }
        for (String p : List.of("org", "type", "cursor", "from")) {
            sites.add(new Site(
                    "GET /v1/audit/events?" + p,
                    v -> get(auditor, "/v1/audit/events?" + p + "=" + v.urlEncoded()),
                    false));
        }
        for (String p : List.of("fromCheckpoint")) {
            sites.add(new Site(
                    "GET /v1/audit/verify?" + p,
                    v -> get(auditor, "/v1/audit/verify?" + p + "=" + v.urlEncoded()),
                    false));
        }
        for (String p : List.of("org")) {
            sites.add(new Site(
                    "GET /v1/audit/usage?" + p,
                    v -> get(auditor, "/v1/audit/usage?" + p + "=" + v.urlEncoded()),
                    false));
        }
        sites.add(new Site(
                "GET /v1/audit/checkpoints?limit",
                v -> get(auditor, "/v1/audit/checkpoints?limit=" + v.urlEncoded()),
                false));
        sites.add(new Site(
                "POST /v1/registry/imports?mode",
                v -> send(
                        admin,
                        "POST",
                        "/v1/registry/imports?mode=" + v.urlEncoded(),
                        "application/x-ndjson",
                        utf8("{\"externalId\":\"H-MODE\",\"fullName\":\"Mode Person\",\"dateOfBirth\":\"" + DOB
                                + "\",\"offence\":\"o\"}\n")),
                false));
        // headers
        sites.add(new Site(
                "Idempotency-Key",
                v -> v.headerSafe() && v.text().length() <= 2_000
                        ? spec(screener)
                                .header("Idempotency-Key", v.text())
                                .contentType("application/json")
                                .body(checkBody(null, null, null, null, null, null))
                                .post("/v1/checks")
                        : get(screener, "/v1/checks?limit=1"),
                false));
        return sites;
    }

    /** Values that no field of that kind may accept. */
    private static boolean mustRefuse(String site, Case c) {
        String n = c.name();
        boolean brokenText = n.startsWith("invalid-utf8")
                || n.equals("overlong-slash")
                || n.equals("overlong-nul")
                || n.startsWith("cesu-")
                || n.startsWith("utf8-beyond")
                || n.startsWith("lone-")
                || n.equals("reversed-surrogates")
                || n.equals("only-surrogate")
                || n.equals("nul")
                || n.equals("sql-null-byte")
                || n.equals("bell-escape")
                || n.equals("c1-control");
        if (site.endsWith("fullName")) {
            return brokenText
                    || n.equals("long-301")
                    || n.equals("long-name-10000-tokens")
                    || n.equals("long-10000-chars")
                    || n.equals("zero-width-flood")
                    || n.equals("empty")
                    || n.equals("spaces")
                    || n.equals("tab-only")
                    || n.equals("newline-only")
                    || n.equals("cr-only")
                    || n.equals("crlf-name")
                    || n.equals("crlf-log")
                    || n.equals("header-split")
                    || n.equals("del")
                    || n.equals("id-null");
        }
        if (site.endsWith("dateOfBirth")) {
            return n.startsWith("date-") || brokenText;
        }
        if (site.endsWith("photoHash") || site.endsWith("photoHashes")) {
            return (n.startsWith("hash-") && !n.equals("hash-upper") && !n.equals("hash-empty"))
                    || n.startsWith("sql-")
                    || n.startsWith("xss-")
                    || brokenText;
        }
        if (site.endsWith("purpose") || site.endsWith("decision")) {
            return n.startsWith("enum-") || n.startsWith("sql-") || n.startsWith("date-") || brokenText;
        }
        if (site.endsWith("externalId")) {
            return n.startsWith("traversal")
                    || n.equals("overlong-id")
                    || n.equals("very-long-id")
                    || n.equals("id-with-slash")
                    || n.equals("id-with-space")
                    || n.equals("id-null")
                    || n.equals("sql-drop")
                    || brokenText;
        }
        return false;
    }

    private static boolean batchItemRefused(Site site, Response response) {
        if (!site.name().startsWith("batch.") || response.statusCode() != 200) {
            return false;
        }
        Integer status = response.path("items[0].status");
        return status != null && status >= 400;
    }

    // ---- bodies -------------------------------------------------------------------------------------------------

    private static byte[] checkBody(Case name, Case dob, Case hash, Case purpose, Case consent, Case position) {
        return concat(
                utf8("{\"candidate\":{\"fullName\":"),
                or(name, "Hostile Candidate"),
                utf8(",\"dateOfBirth\":"),
                or(dob, "1980-05-05"),
                hash == null ? new byte[0] : concat(utf8(",\"photoHash\":"), hash.jsonString()),
                utf8("},\"purpose\":"),
                or(purpose, "EMPLOYMENT"),
                utf8(",\"consentReference\":"),
                or(consent, "HR-HOSTILE"),
                position == null ? new byte[0] : concat(utf8(",\"position\":"), position.jsonString()),
                utf8("}"));
    }

    private static byte[] batchBody(Case name, Case dob, Case hash, Case purpose) {
        return concat(
                utf8("{\"purpose\":"),
                or(purpose, "EMPLOYMENT"),
                utf8(",\"consentReference\":\"HR-HOSTILE\",\"candidates\":[{\"fullName\":"),
                or(name, "Hostile Batch Candidate"),
                utf8(",\"dateOfBirth\":"),
                or(dob, "1980-05-05"),
                hash == null ? new byte[0] : concat(utf8(",\"photoHash\":"), hash.jsonString()),
                utf8("}]}"));
    }

    private static byte[] reviewBody(Case externalId, Case decision, Case reason) {
        return concat(
                utf8("{\"externalId\":"),
                or(externalId, "H-REVIEW"),
                utf8(",\"decision\":"),
                or(decision, "NOT_SAME_PERSON"),
                utf8(",\"reason\":"),
                or(reason, "Hostile input test"),
                utf8("}"));
    }

    private static byte[] entryBody(String id, String field, Case v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("{\"externalId\":\"" + id + "\""));
        for (String f : List.of("fullName", "aliases", "dateOfBirth", "photoHashes", "offence", "region")) {
            out.writeBytes(utf8(",\"" + f + "\":"));
            boolean list = f.equals("aliases") || f.equals("photoHashes");
            if (f.equals(field)) {
                out.writeBytes(list ? concat(utf8("["), v.jsonString(), utf8("]")) : v.jsonString());
            } else {
                out.writeBytes(utf8(
                        switch (f) {
                            case "fullName" -> "\"Hostile Entry\"";
                            case "aliases", "photoHashes" -> "[]";
                            case "dateOfBirth" -> "\"" + DOB + "\"";
                            case "offence" -> "\"UK RK 121\"";
                            default -> "null";
                        }));
            }
        }
        out.writeBytes(utf8("}"));
        return out.toByteArray();
    }

    private static byte[] ndjsonLine(String field, Case v) {
        String id = "H-NDJSON-" + Integer.toHexString((v.name() + field).hashCode());
        return concat(
                utf8("{\"externalId\":"),
                field.equals("externalId") ? v.jsonString() : utf8("\"" + id + "\""),
                utf8(",\"fullName\":"),
                field.equals("fullName") ? v.jsonString() : utf8("\"Hostile Import\""),
                field.equals("aliases") ? concat(utf8(",\"aliases\":["), v.jsonString(), utf8("]")) : new byte[0],
                utf8(",\"dateOfBirth\":"),
                field.equals("dateOfBirth") ? v.jsonString() : utf8("\"" + DOB + "\""),
                utf8(",\"offence\":\"o\"}\n"));
    }

    private static byte[] csvFile(String field, Case v) {
        String id = "H-CSV-" + Integer.toHexString((v.name() + field).hashCode());
        return concat(
                field.equals("externalId") ? v.csvCell() : utf8(id),
                utf8(","),
                field.equals("fullName") ? v.csvCell() : utf8("Hostile Csv"),
                utf8(","),
                field.equals("aliases") ? v.csvCell() : new byte[0],
                utf8(","),
                field.equals("dateOfBirth") ? v.csvCell() : utf8(DOB),
                utf8(",o\n"));
    }

    private static byte[] json(Case body) {
        return body.raw();
    }

    private static byte[] or(Case value, String fallback) {
        return value == null ? utf8("\"" + fallback + "\"") : value.jsonString();
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------------

    private static Site check(String token, String name, Function<Case, byte[]> body, boolean mustRefuse) {
        return new Site(name, v -> post(token, "/v1/checks", body.apply(v)), mustRefuse);
    }

    private static Site batch(String token, String name, Function<Case, byte[]> body, boolean mustRefuse) {
        return new Site(name, v -> post(token, "/v1/checks/batch", body.apply(v)), mustRefuse);
    }

    private static RequestSpecification spec(String token) {
        return given().config(RestAssuredConfig.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .urlEncodingEnabled(false)
                .header("Authorization", "Bearer " + token);
    }

    private static Response get(String token, String path) {
        return spec(token).get(path);
    }

    private static Response post(String token, String path, byte[] body) {
        return send(token, "POST", path, "application/json", body);
    }

    private static Response send(String token, String method, String path, String contentType, byte[] body) {
        RequestSpecification request = spec(token);
        if (body != null) {
            request = request.contentType(contentType).body(body);
        }
        return request.request(method, path);
    }

    private static Response timed(Site site, Case c) {
        List<String> failures = new ArrayList<>();
        Response response = timed(site, c, failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        return response;
    }

    private static Response timed(Site site, Case c, List<String> failures) {
        long started = System.nanoTime();
        Response response = site.send().apply(c);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis >= BOUND_MILLIS) {
            failures.add(site.name() + " took " + millis + " ms for " + c.name());
        }
        return response;
    }

    private static void assertHandled(Response response, Case c, String site) {
        int status = response.statusCode();
        String where = site + " with " + c.name() + " answered " + status + ": " + abbreviate(response.asString());
        assertTrue(status >= 200 && status < 500, where);
        if (status >= 400) {
            assertTrue(response.contentType().startsWith("application/problem+json"), where);
            assertEquals(status, (int) response.path("status"), where);
            String body = response.asString();
            assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("org.qorgau"), where);
        }
        if (site.startsWith("batch.") && status == 200) {
            List<Integer> items = response.path("items.status");
            for (int item : items) {
                assertTrue(item < 500, where);
            }
        }
    }

    private static void assertReady() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static synchronized String ensureReviewTarget() {
        if (reviewCheckId == null) {
            org.qorgau.support.Api.importNdjson(
                            "upsert",
                            "{\"externalId\":\"H-REVIEW\",\"fullName\":\"Hostile Review Target\",\"dateOfBirth\":\""
                                    + DOB + "\",\"offence\":\"UK RK 121\"}")
                    .then()
                    .statusCode(200);
            io.quarkus.arc.Arc.container()
                    .instance(org.qorgau.screening.MatchingIndex.class)
                    .get()
                    .refresh();
            reviewCheckId = as(TestTokens.screener(REVIEW_ORG))
                    .contentType("application/json")
                    .body(checkJson("Hostile Review Target", DOB))
                    .post("/v1/checks")
                    .then()
                    .statusCode(201)
                    .body("verdict", equalTo("MATCH"))
                    .extract()
                    .path("checkId");
        }
        return reviewCheckId;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** RFC 4180 with CRLF rows, quoted cells and doubled quotes. */
    static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
