package org.qorgau.registry;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class RegistryImportTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldImportNdjsonAndCountAddedUpdatedUnchanged() {
        String a = uniqueId("A");
        String b = uniqueId("B");
        String file = entryJson(a, "Сейткали Нұрлан Маратұлы", "1979-03-14") + "\n"
                + entryJson(b, "Иванов Иван Иванович", "1980") + "\n\n";
        importNdjson("upsert", file)
                .then()
                .statusCode(200)
                .body("added", equalTo(2))
                .body("updated", equalTo(0))
                .body("removed", equalTo(0))
                .body("registryVersion", greaterThan(0));

        String changed =
                entryJson(a, "Сейткали Нұрлан", "1979-03-14") + "\n" + entryJson(b, "Иванов Иван Иванович", "1980");
        importNdjson("upsert", changed)
                .then()
                .statusCode(200)
                .body("added", equalTo(0))
                .body("updated", equalTo(1))
                .body("unchanged", equalTo(1));

        as(TestTokens.admin())
                .get("/v1/registry/entries/" + a)
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Сейткали Нұрлан"));
    }

    @Test
    void shouldImportCsvWithQuotedCellsAndPipeSeparatedLists() {
        String id = uniqueId("CSV");
        String csv = "externalId,fullName,aliases,dateOfBirth,photoHashes,offence,region\n"
                + id + ",\"Ахметов, Ержан\",Akhmetov Yerzhan|Ахметов Ержан Болатұлы,1975-07," + "ab".repeat(32)
                + ",\"UK RK 120 \"\"aggravated\"\"\",Almaty\n";
        as(TestTokens.admin())
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/v1/registry/imports?mode=upsert")
                .then()
                .statusCode(200)
                .body("added", equalTo(1));
        as(TestTokens.admin())
                .get("/v1/registry/entries/" + id)
                .then()
                .statusCode(200)
                .body("fullName", equalTo("Ахметов, Ержан"))
                .body("aliases", hasSize(2))
                .body("aliases", hasItem("Akhmetov Yerzhan"))
                .body("photoHashes[0]", equalTo("ab".repeat(32)))
                .body("offence", equalTo("UK RK 120 \"aggravated\""))
                .body("dateOfBirth", equalTo("1975-07"));
    }

    @Test
    void shouldRejectTheWholeImportListingEveryBadLineAndChangeNothing() throws Exception {
        long versionsBefore = Db.count(dataSource, "select count(*) from registry_version");
        String good = uniqueId("GOOD");
        String file = entryJson(good, "Good Person", "1970-01-01") + "\n"
                + entryJson(uniqueId("X"), "Bad Date", "1970-02-30") + "\n"
                + "{not json}\n"
                + entryJson("bad id with spaces", "Bad Id", "1970") + "\n"
                + "{\"externalId\":\"" + uniqueId("U") + "\",\"fullName\":\"N\",\"dateOfBirth\":\"1970\","
                + "\"offence\":\"x\",\"favouriteColour\":\"red\"}\n"
                + "{\"externalId\":\"" + uniqueId("P") + "\",\"fullName\":\"N\",\"dateOfBirth\":\"9999-12-31\","
                + "\"offence\":\"x\",\"photoHashes\":[\"xyz\"]}\n";
        importNdjson("upsert", file)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing changed"))
                .body("errors.line", hasItem(2))
                .body("errors.line", hasItem(3))
                .body("errors.line", hasItem(4))
                .body("errors.line", hasItem(5))
                .body("errors.findAll { it.line == 6 }.field", hasItem("dateOfBirth"))
                .body("errors.findAll { it.line == 6 }.field", hasItem("photoHashes[0]"))
                .body("errors.findAll { it.line == 1 }", hasSize(0));
        as(TestTokens.admin()).get("/v1/registry/entries/" + good).then().statusCode(404);
        assertEquals(versionsBefore, Db.count(dataSource, "select count(*) from registry_version"));
    }

    @Test
    void shouldReportRepeatedIdsWithinOneFile() {
        String id = uniqueId("DUP");
        String file = entryJson(id, "One", "1970") + "\n" + entryJson(id, "Two", "1971") + "\n";
        importNdjson("upsert", file)
                .then()
                .statusCode(422)
                .body("errors[0].line", equalTo(2))
                .body("errors[0].message", containsString("line 1"));
    }

    @Test
    void shouldReplaceRemovingAbsentEntriesAndKeepTheirHistory() throws Exception {
        String keep = uniqueId("KEEP");
        String drop = uniqueId("DROP");
        importNdjson("upsert", entryJson(keep, "Keep Me", "1960") + "\n" + entryJson(drop, "Drop Me", "1961"))
                .then()
                .statusCode(200);
        // removing most of the (shared) registry needs the count confirmed: preview it, then confirm it
        int removals = importNdjson("replace&dryRun=true", entryJson(keep, "Keep Me", "1960"))
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .extract()
                .path("removed");
        importNdjson("replace&confirmRemovals=" + removals, entryJson(keep, "Keep Me", "1960"))
                .then()
                .statusCode(200)
                .body("removed", greaterThan(0))
                .body("unchanged", equalTo(1));
        as(TestTokens.admin()).get("/v1/registry/entries/" + drop).then().statusCode(404);
        as(TestTokens.admin()).get("/v1/registry/entries/" + keep).then().statusCode(200);
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from registry_entry_history where change = 'REMOVED' and external_id = ?",
                        drop));
    }

    @Test
    void shouldRefuseAOneLineReplaceOfALargeRegistryWithoutConfirmation() {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            file.append(entryJson(uniqueId("BIG"), "Guard Person " + i, "1970")).append('\n');
        }
        importNdjson("upsert", file.toString()).then().statusCode(200);
        long before = Db.count(dataSource, "select count(*) from registry_entry");
        long version = Db.count(dataSource, "select version from registry_head where id = 1");
        String oneLine = entryJson(uniqueId("ONE"), "Only Line", "1971");

        importNdjson("replace", oneLine)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("counts.entries", equalTo((int) before))
                .body("counts.removed", equalTo((int) before))
                .body("counts.added", equalTo(1))
                .body("detail", containsString("confirmRemovals=" + before));
        // a wrong confirmation is no confirmation
        importNdjson("replace&confirmRemovals=" + (before - 1), oneLine).then().statusCode(409);
        importNdjson("replace&dryRun=true", oneLine)
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("removed", equalTo((int) before))
                .body("added", equalTo(1))
                .body("registryVersion", equalTo((int) version));

        assertEquals(before, Db.count(dataSource, "select count(*) from registry_entry"), "nothing was removed");
        assertEquals(version, Db.count(dataSource, "select version from registry_head where id = 1"));
        importNdjson("replace&confirmRemovals=abc", oneLine).then().statusCode(422);
    }

    @Test
    void shouldRefuseAnEmptyReplace() {
        importNdjson("replace", "\n").then().statusCode(422);
    }

    @Test
    void shouldRejectUnknownModeAndMediaType() {
        importNdjson("merge", entryJson(uniqueId("M"), "N", "1970")).then().statusCode(422);
        as(TestTokens.admin())
                .contentType("application/json")
                .body("[]")
                .post("/v1/registry/imports")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectInvalidUtf8WithProblem() {
        byte[] body = "{\"externalId\":\"U8\",\"fullName\":\"\u00ff\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        as(TestTokens.admin())
                .contentType("application/x-ndjson")
                .body(body)
                .post("/v1/registry/imports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("UTF-8"));
    }

    @Test
    void shouldReportAnOverlongLineWithoutReadingItIntoMemory() {
        String longLine = "{\"externalId\":\"L\",\"fullName\":\"" + "a".repeat(70_000) + "\"}";
        importNdjson("upsert", longLine + "\n" + entryJson(uniqueId("OK"), "Fine", "1970"))
                .then()
                .statusCode(422)
                .body("errors[0].line", equalTo(1))
                .body("errors[0].message", containsString("longer than"));
    }

    @Test
    void shouldRejectCsvWithUnknownColumns() {
        as(TestTokens.admin())
                .contentType("text/csv")
                .body("externalId,fullName,dateOfBirth,offence,shoeSize\nX1,N,1970,o,42\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/v1/registry/imports")
                .then()
                .statusCode(422)
                .body("errors[0].line", equalTo(1))
                .body("errors[0].message", containsString("shoeSize"));
    }

    @Test
    void shouldAnswer413ForAnOversizedBodyOutsideTheImport() {
        as(TestTokens.screener("acme"))
                .contentType("application/json")
                .body("{\"pad\":\"" + "x".repeat(1_100_000) + "\"}")
                .post("/v1/checks")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void shouldListVersionsNewestFirstWithContentHash() {
        importNdjson("upsert", entryJson(uniqueId("V"), "Version Person", "1990"))
                .then()
                .statusCode(200);
        as(TestTokens.admin())
                .get("/v1/registry/versions?limit=2")
                .then()
                .statusCode(200)
                .body("versions", hasSize(2))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue())
                .body("versions[0].contentHash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("versions[0].actor", equalTo("registry-admin-user@kz-gpo"));
    }

    /**
     * A version's content hash is SHA-256 over the {@code externalId:entryHash} lines of the whole registry, sorted by
     * id in code point order (upper case before lower case) and joined by newlines; here checked against that
     * definition written in SQL. A version that changes nothing keeps its predecessor's hash and entry count.
     */
    @Test
    void contentHashIsTheSortedEntryHashesOfTheWholeRegistry() {
        String stem = uniqueId("Hash");
        String file = entryJson(stem + "-a", "Хэш Первый", "1981-02-03") + "\n"
                + entryJson(stem + "-B", "Хэш Второй", "1982-03-04");
        importNdjson("upsert", file).then().statusCode(200).body("added", equalTo(2));
        String afterAdd = latestContentHash();
        assertEquals(definedContentHash(), afterAdd);
        assertEquals(Db.count(dataSource, "select count(*) from registry_entry"), latestEntryCount());

        importNdjson("upsert", file).then().statusCode(200).body("unchanged", equalTo(2));
        assertEquals(afterAdd, latestContentHash());
        assertEquals(Db.count(dataSource, "select count(*) from registry_entry"), latestEntryCount());

        as(TestTokens.admin())
                .queryParam("reason", "entered twice")
                .delete("/v1/registry/entries/" + stem + "-B")
                .then()
                .statusCode(204);
        String afterDelete = latestContentHash();
        assertEquals(definedContentHash(), afterDelete);
        org.junit.jupiter.api.Assertions.assertNotEquals(afterAdd, afterDelete);
        assertEquals(Db.count(dataSource, "select count(*) from registry_entry"), latestEntryCount());
    }

    /**
     * The content hash is read in pages, each after the last id of the one before: any page size gives the hash of the
     * definition, including a last page that is exactly full and pages of one pair.
     */
    @Test
    void contentHashReadInPagesIsTheDefinedOne() throws java.sql.SQLException {
        String stem = uniqueId("Page");
        importNdjson(
                        "upsert",
                        entryJson(stem + "-a", "Страница Первая", "1981-02-03") + "\n"
                                + entryJson(stem + "-B", "Страница Вторая", "1982-03-04") + "\n"
                                + entryJson(stem + "-c", "Страница Третья", "1983-04-05"))
                .then()
                .statusCode(200);
        String defined = definedContentHash();
        int entries = (int) Db.count(dataSource, "select count(*) from registry_entry");
        try (java.sql.Connection connection = dataSource.getConnection()) {
            for (int pageSize : new int[] {1, 2, 3, entries - 1, entries, entries + 1}) {
                RegistrySql.RegistryContent content = RegistrySql.contentHash(connection, pageSize);
                assertEquals(defined, content.hash(), "page size " + pageSize);
                assertEquals(entries, content.entries(), "page size " + pageSize);
            }
        }
    }

    private String latestContentHash() {
        return Db.text(dataSource, "select content_hash from registry_version order by version desc limit 1");
    }

    private long latestEntryCount() {
        return Db.count(dataSource, "select entry_count from registry_version order by version desc limit 1");
    }

    private String definedContentHash() {
        return Db.text(
                dataSource,
                "select encode(sha256(convert_to(coalesce(string_agg(external_id || ':' || content_hash, E'\\n'"
                        + " order by external_id collate \"C\"), ''), 'UTF8')), 'hex') from registry_entry");
    }
}
