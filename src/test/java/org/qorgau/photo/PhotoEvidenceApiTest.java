package org.qorgau.photo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.registered;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.EmbeddedPostgresResource;
import org.qorgau.support.HostilePhotos;
import org.qorgau.support.MultipartBody;
import org.qorgau.support.TestTokens;

/** Photos in the registry and in checks, and proof that no photo is kept anywhere. */
@QuarkusTest
class PhotoEvidenceApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MatchingIndex index;

    private static Response addPhoto(String token, String id, String type, byte[] photo) {
        return as(token).contentType(type).body(photo).post("/v1/registry/entries/" + id + "/photos");
    }

    private static MultipartBody check(String name, String dateOfBirth, String photoType, byte[] photo) {
        String json = "{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                + "\"},\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-PHOTO-1\"}";
        return new MultipartBody()
                .part("request", null, "application/json", json.getBytes(StandardCharsets.UTF_8))
                .part("photo", "candidate.jpg", photoType, photo);
    }

    private static Response postCheck(MultipartBody form) {
        return as(TestTokens.screener("school-1"))
                .contentType(form.contentType())
                .body(form.bytes())
                .post("/v1/checks");
    }

    @Test
    void shouldAddAPhotosHashToAnEntryAsANewAuditedVersion() {
        String id = registered(index, "Тулегенов Арман Кайратович", "1969-11-23");
        long before = org.qorgau.support.Db.count(
                dataSource, "select count(*) from audit_event where type = 'REGISTRY_ENTRY_CHANGED'");
        addPhoto(TestTokens.admin(), id, "image/jpeg", HostilePhotos.bridgeJpeg())
                .then()
                .statusCode(200)
                .header("X-Registry-Version", org.hamcrest.Matchers.notNullValue())
                .body("photoHashes", hasItem(PhotoHashApiTest.BRIDGE));
        as(TestTokens.admin())
                .get("/v1/registry/versions?limit=1")
                .then()
                .body("versions[0].kind", equalTo("ENTRY_PUT"))
                .body("versions[0].updated", equalTo(1));
        assertEquals(
                before + 1,
                org.qorgau.support.Db.count(
                        dataSource, "select count(*) from audit_event where type = 'REGISTRY_ENTRY_CHANGED'"));
        // the same photo again, as a form: the entry keeps one copy of the hash
        MultipartBody form = new MultipartBody().part("photo", "b.jpg", "image/jpeg", HostilePhotos.bridgeJpeg());
        as(TestTokens.admin())
                .contentType(form.contentType())
                .body(form.bytes())
                .post("/v1/registry/entries/" + id + "/photos")
                .then()
                .statusCode(200)
                .body("photoHashes.size()", equalTo(1));
    }

    @Test
    void shouldRefuseEntryPhotosFromOtherRolesUnknownEntriesAndFeaturelessPhotos() {
        String id = registered(index, "Жаксылыков Бауыржан", "1977-02-14");
        addPhoto(TestTokens.screener("school-1"), id, "image/jpeg", HostilePhotos.smallJpeg())
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .contentType("image/jpeg")
                .body(HostilePhotos.smallJpeg())
                .post("/v1/registry/entries/" + id + "/photos")
                .then()
                .statusCode(401);
        addPhoto(TestTokens.admin(), "NO-SUCH-ENTRY-1", "image/jpeg", HostilePhotos.smallJpeg())
                .then()
                .statusCode(404);
        addPhoto(TestTokens.admin(), id, "image/png", HostilePhotos.flat("png"))
                .then()
                .statusCode(422)
                .body("detail", containsString("below 50"));
        addPhoto(TestTokens.admin(), id, "image/png", HostilePhotos.notAnImage())
                .then()
                .statusCode(415);
    }

    @Test
    void shouldScreenACandidateWithAPhotoAndUseItsHashAsEvidence() {
        String id = registered(index, "Ибраев Даурен Маратович", "1972-08-09");
        addPhoto(TestTokens.admin(), id, "image/jpeg", HostilePhotos.bridgeJpeg())
                .then()
                .statusCode(200);
        index.refresh();
        postCheck(check("Ибраев Даурен Маратович", "1972-08-09", "image/jpeg", HostilePhotos.bridgeJpeg()))
                .then()
                .statusCode(201)
                .body("verdict", equalTo("MATCH"))
                .body("matches.externalId", hasItem(id))
                .body("matches[0].explanation.field", hasItem("photo"))
                .body("photo.usedAsEvidence", equalTo(true))
                .body("photo.quality", equalTo(100));
    }

    @Test
    void shouldSayInTheAnswerWhenAPhotoIsTooFeaturelessToBeEvidence() {
        postCheck(check("Нурпеисова Гульнара", "1990-03-03", "image/png", HostilePhotos.flat("png")))
                .then()
                .statusCode(201)
                .body("photo.usedAsEvidence", equalTo(false))
                .body("photo.quality", equalTo(0))
                .body("photo.detail", containsString("below 50"));
    }

    @Test
    void shouldRefuseAFormCheckWithoutItsPartsOrWithBothAHashAndAPhoto() {
        MultipartBody noRequest = new MultipartBody().part("photo", "a.jpg", "image/jpeg", HostilePhotos.smallJpeg());
        postCheck(noRequest).then().statusCode(422).body("errors.field", hasItem("request"));
        String both = "{\"candidate\":{\"fullName\":\"A B\",\"dateOfBirth\":\"1990\",\"photoHash\":\""
                + PhotoHashApiTest.BRIDGE + "\"},\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"HR-1\"}";
        postCheck(new MultipartBody()
                        .part("request", null, "application/json", both.getBytes(StandardCharsets.UTF_8))
                        .part("photo", "a.jpg", "image/jpeg", HostilePhotos.smallJpeg()))
                .then()
                .statusCode(422);
        postCheck(new MultipartBody()
                        .part("request", null, "application/json", "{not json".getBytes(StandardCharsets.UTF_8))
                        .part("photo", "a.jpg", "image/jpeg", HostilePhotos.smallJpeg()))
                .then()
                .statusCode(400);
        postCheck(check("A B", "1990", "image/jpeg", HostilePhotos.notAnImage()))
                .then()
                .statusCode(415);
        as(TestTokens.auditor())
                .contentType(noRequest.contentType())
                .body(noRequest.bytes())
                .post("/v1/checks")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldKeepNoTraceOfAPhotoInTheDatabaseTheDataDirectoryTheTempDirectoryOrTheLogs() throws Exception {
        byte[] photo = HostilePhotos.pattern(0x5EC12E7, "png"); // a picture made for this test alone
        byte[] probe = Arrays.copyOfRange(photo, photo.length / 2, photo.length / 2 + 48);
        String base64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(photo, 300, 360));
        String hex = HexFormat.of().formatHex(probe);
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + Arrays.toString(record.getParameters()) + " "
                        + record.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String id = registered(index, "Абенов Нуржан", "1983-04-05");
            addPhoto(TestTokens.admin(), id, "image/png", photo.clone()).then().statusCode(200);
            as(TestTokens.screener("school-1"))
                    .contentType("image/png")
                    .body(photo.clone())
                    .post("/v1/photo-hashes")
                    .then()
                    .statusCode(200);
            postCheck(check("Абенов Нуржан", "1983-04-05", "image/png", photo.clone()))
                    .then()
                    .statusCode(201);
            // a refused photo too: its error must not echo it
            byte[] broken = Arrays.copyOf(photo, photo.length - 200);
            as(TestTokens.screener("school-1"))
                    .contentType("image/png")
                    .body(broken)
                    .post("/v1/photo-hashes")
                    .then()
                    .statusCode(422);
        } finally {
            root.removeHandler(capture);
        }
        // the database, every table as text
        StringBuilder dump = new StringBuilder();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertTrue(tables.contains("audit_event"), tables.toString());
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rs.next()) {
                        dump.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        String db = dump.toString();
        assertTrue(db.length() > 1000, "the dump has content");
        assertFalse(db.contains(base64), "base64 of the photo in the database");
        assertFalse(db.toLowerCase().contains(hex), "hex of the photo in the database");
        // raw bytes in the database files, the data directory and the temp directory
        for (Path dir : List.of(
                Path.of("target", "test-pg"),
                EmbeddedPostgresResource.dataDir(),
                Path.of(System.getProperty("java.io.tmpdir")),
                Path.of("file-uploads"),
                Path.of("target", "file-uploads"))) {
            assertNoFileContains(dir, probe);
            assertNoFileContains(dir, base64.getBytes(StandardCharsets.US_ASCII));
        }
        for (String line : logged) {
            assertFalse(line.contains(base64) || line.toLowerCase().contains(hex), "photo in a log record");
        }
    }

    private static void assertNoFileContains(Path dir, byte[] needle) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        // other processes (a database, another build) create and delete files in the temp directory meanwhile: a file
        // or directory that vanishes or cannot be read during the walk is skipped, not an error
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                if (a.isRegularFile() && a.size() <= 64L * 1024 * 1024) {
                    byte[] content;
                    try {
                        content = Files.readAllBytes(file);
                    } catch (IOException e) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                    assertFalse(MultipartForm.indexOf(content, needle, 0) >= 0, "photo bytes found in " + file);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
    }
}
