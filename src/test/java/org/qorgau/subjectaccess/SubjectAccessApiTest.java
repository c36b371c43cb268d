package org.qorgau.subjectaccess;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qorgau.support.BilingualNames;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;

@QuarkusTest
class SubjectAccessApiTest {

    @Inject
    AgroalDataSource dataSource;

    private static String officer() {
        return TestTokens.token("data-protection-officer", "kz-operator");
    }

    private static String request(String name, String dateOfBirth) {
        return "{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                + "\",\"identityReference\":\"Passport N1234567 seen by the officer\"}";
    }

    private static String check(String org, String name, String dateOfBirth) {
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body("{\"candidate\":{\"fullName\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth
                        + "\"},\"purpose\":\"PERIODIC_RESCREEN\",\"consentReference\":\"HR-9\"}")
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .extract()
                .path("checkId");
    }

    private static JsonPath access(String name, String dateOfBirth) {
        return as(officer())
                .contentType("application/json")
                .body(request(name, dateOfBirth))
                .post("/v1/subject-access-requests")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void shouldFindTheChecksOfATransliteratedOrReorderedNameButNotOfAnotherPerson() {
        String[] surname = BilingualNames.uniqueSurname();
        String org = uniqueId("school");
        String latin = check(org, "Nurlan " + surname[0], "1979-03-14");
        String cyrillic = check(org, surname[1] + " Нұрлан", "1979-03-14");
        String yearOnly = check(org, surname[0].toUpperCase() + " NURLAN", "1979");
        // other people: another date of birth, another given name, the female form of the surname
        check(org, "Nurlan " + surname[0], "1979-03-15");
        check(org, "Nurbol " + surname[0], "1979-03-14");
        check(org, "Nurlan " + surname[0] + "a", "1979-03-14");
        JsonPath answer = access(surname[1] + " Нурлан", "1979-03-14");
        List<String> found = answer.getList("document.checks.checkId");
        assertEquals(List.of(latin, cyrillic, yearOnly), found, answer.prettify());
        assertEquals("1979", answer.getString("document.checks[2].dateOfBirthAsChecked"));
        assertEquals(org, answer.getString("document.checks[0].organisation"));
        assertEquals("PERIODIC_RESCREEN", answer.getString("document.checks[0].purpose"));
        assertEquals("NO_MATCH", answer.getString("document.checks[0].verdict"));
        assertEquals(false, answer.getBoolean("document.checks[0].humanDecided"));
        // no staff names anywhere in the answer
        assertFalse(answer.prettify().contains("screener-user@"), answer.prettify());
    }

    @Test
    void shouldSignTheDocumentWithThePublishedCheckpointKey() throws Exception {
        String[] surname = BilingualNames.uniqueSurname();
        check(uniqueId("school"), "Aigerim " + surname[0] + "a", "1992-07-01");
        JsonPath answer = access("Aigerim " + surname[0] + "a", "1992-07-01");
        String published = as(TestTokens.auditor())
                .get("/v1/audit/checkpoints")
                .then()
                .statusCode(200)
                .extract()
                .path("publicKey");
        assertEquals(published, answer.getString("signature.publicKey"));
        assertEquals("Ed25519", answer.getString("signature.algorithm"));
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(published)));
        byte[] document = answer.getString("signedDocument").getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(document);
        assertTrue(verifier.verify(Base64.getDecoder().decode(answer.getString("signature.value"))));
        // the signed text is the document
        Map<String, Object> signed =
                JsonPath.from(answer.getString("signedDocument")).getMap("");
        assertEquals(answer.getMap("document"), signed);
        assertEquals(1, answer.getList("document.checks").size());
        // a changed document no longer verifies
        verifier.initVerify(key);
        verifier.update(answer.getString("signedDocument")
                .replace("1992-07-01", "1992-07-02")
                .getBytes(StandardCharsets.UTF_8));
        assertFalse(verifier.verify(Base64.getDecoder().decode(answer.getString("signature.value"))));
    }

    @Test
    void shouldAuditTheRequestWithThePersonAmongTheRedactableFields() {
        String[] surname = BilingualNames.uniqueSurname();
        JsonPath answer = access("Askar " + surname[0], "1985-04-04");
        long sequence = answer.getLong("audit.sequence");
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where sequence = " + sequence + " and type = 'SUBJECT_ACCESS'"
                                + " and actor_roles like '%data-protection-officer%' and outcome ->> 'checksFound' = '0'"
                                + " and query::text not like '%" + surname[0] + "%'"
                                + " and outcome::text not like '%" + surname[0] + "%'"));
        assertEquals(
                1,
                Db.count(
                        dataSource,
                        "select count(*) from audit_personal where sequence = " + sequence
                                + " and fields ->> 'fullName' = 'Askar " + surname[0] + "'"));
    }

    @Test
    void shouldRefuseScreenersReviewersAuditorsAndTheRegistryAuthority() {
        for (String token : List.of(
                TestTokens.screener("school"),
                TestTokens.reviewer("school"),
                TestTokens.auditor(),
                TestTokens.admin())) {
            as(token)
                    .contentType("application/json")
                    .body(request("Nurlan Seitkali", "1979-03-14"))
                    .post("/v1/subject-access-requests")
                    .then()
                    .statusCode(403);
        }
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(request("Nurlan Seitkali", "1979-03-14"))
                .post("/v1/subject-access-requests")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldAnswer422ForAnInvalidRequest() {
        as(officer())
                .contentType("application/json")
                .body("{\"fullName\":\"\",\"dateOfBirth\":\"14.03.1979\"}")
                .post("/v1/subject-access-requests")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.size()", equalTo(3));
    }
}
