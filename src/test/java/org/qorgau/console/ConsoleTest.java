package org.qorgau.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.TestTokens;

@QuarkusTest
class ConsoleTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    MatchingIndex index;

    /** A browser's sign-in: the form's token and its cookie, then the session cookie. */
    static String signIn(String role, String org) {
        Response form = given().redirects().follow(false).get("/console/sign-in");
        form.then().statusCode(200);
        String csrf = token(form.asString());
        Response signedIn = given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.CSRF_COOKIE, form.getCookie(ConsoleRequest.CSRF_COOKIE))
                .formParam("csrf", csrf)
                .formParam("role", role)
                .formParam("org", org)
                .formParam("subject", role + "@" + org)
                .post("/console/sign-in");
        signedIn.then().statusCode(303);
        return signedIn.getCookie(ConsoleRequest.SESSION_COOKIE);
    }

    static String token(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertTrue(matcher.find(), "the page has a form with a CSRF token");
        return matcher.group(1);
    }

    /** A surname no other test uses, so each fixture matches its own entry only. */
    private String possibleMatch(String org) {
        return possibleMatch(org, uniqueSurname() + " " + uniqueSurname());
    }

    private String possibleMatch(String org, String name) {
        String id = uniqueId("CON");
        importNdjson("upsert", entryJson(id, name, "1976-06-15")).then().statusCode(200);
        index.refresh();
        return as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, "1976-06-15"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .body("verdict", not(equalTo("NO_MATCH")))
                .extract()
                .path("checkId");
    }

    @Test
    void shouldSetASessionCookieThatIsHttpOnlyAndSameSiteStrict() {
        Response form = given().get("/console/sign-in");
        String header = given()
                .redirects()
                .follow(false)
                .cookie(ConsoleRequest.CSRF_COOKIE, form.getCookie(ConsoleRequest.CSRF_COOKIE))
                .formParam("csrf", token(form.asString()))
                .formParam("role", "reviewer")
                .formParam("org", "school-1")
                .formParam("subject", "lead@school-1")
                .post("/console/sign-in")
                .getHeaders()
                .getValues("Set-Cookie")
                .stream()
                .filter(c -> c.startsWith(ConsoleRequest.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertTrue(header.contains("HttpOnly"), header);
        assertTrue(header.contains("SameSite=Strict"), header);
        // plain-HTTP localhost is the one place without Secure
        assertFalse(header.contains("Secure"), header);
        given().redirects()
                .follow(false)
                .header("Host", "console.example.org")
                .cookie(ConsoleRequest.CSRF_COOKIE, form.getCookie(ConsoleRequest.CSRF_COOKIE))
                .formParam("csrf", token(form.asString()))
                .formParam("role", "reviewer")
                .formParam("org", "school-1")
                .formParam("subject", "lead@school-1")
                .post("/console/sign-in")
                .then()
                .statusCode(303)
                .header("Set-Cookie", containsString("Secure"));
    }

    @Test
    void shouldRefuseFormsWithoutTheirCsrfToken() {
        Response form = given().get("/console/sign-in");
        given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.CSRF_COOKIE, form.getCookie(ConsoleRequest.CSRF_COOKIE))
                .formParam("role", "reviewer")
                .formParam("org", "school-1")
                .formParam("subject", "x")
                .post("/console/sign-in")
                .then()
                .statusCode(403);
        given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.CSRF_COOKIE, form.getCookie(ConsoleRequest.CSRF_COOKIE))
                .formParam("csrf", "another-token-another-token-another-token")
                .formParam("role", "reviewer")
                .formParam("org", "school-1")
                .formParam("subject", "x")
                .post("/console/sign-in")
                .then()
                .statusCode(403);

        String org = uniqueId("csrf-org");
        String checkId = possibleMatch(org);
        String session = signIn("reviewer", org);
        String externalId = as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId)
                .then()
                .extract()
                .path("matches[0].externalId");
        given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.SESSION_COOKIE, session)
                .formParam("externalId", externalId)
                .formParam("decision", "NOT_SAME_PERSON")
                .formParam("reason", "Different person")
                .post("/console/reviews/" + checkId + "/decisions")
                .then()
                .statusCode(403);
        as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(200)
                .body("reviews.size()", equalTo(0));
    }

    @Test
    void shouldLetAReviewerDecideFromTheQueueAndShowOnlyTheirOrganisation() {
        String org = uniqueId("console-org");
        String name = uniqueSurname() + " " + uniqueSurname();
        String checkId = possibleMatch(org, name);
        String othersCheck = possibleMatch(uniqueId("console-other"));
        String session = signIn("reviewer", org);

        String queue = given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .get("/console/reviews")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .extract()
                .asString();
        assertTrue(queue.contains(checkId));
        assertFalse(queue.contains(othersCheck));

        // another organisation's check is a 404, exactly as in the API, answered as a page (not problem+json)
        given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .get("/console/reviews/" + othersCheck)
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("<h1>Not found</h1>"));

        String page = given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .get("/console/reviews/" + checkId)
                .then()
                .statusCode(200)
                .body(containsString(name))
                .body(containsString("1976-06-15"))
                .extract()
                .asString();
        String externalId = as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId)
                .then()
                .extract()
                .path("matches[0].externalId");
        assertTrue(page.contains(externalId));
        // a decision without a reason is refused on the page, nothing recorded
        given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.SESSION_COOKIE, session)
                .formParam("csrf", token(page))
                .formParam("externalId", externalId)
                .formParam("decision", "NOT_SAME_PERSON")
                .formParam("reason", "")
                .post("/console/reviews/" + checkId + "/decisions")
                .then()
                .statusCode(422)
                .body(containsString("role=\"alert\""));
        given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.SESSION_COOKIE, session)
                .formParam("csrf", token(page))
                .formParam("externalId", externalId)
                .formParam("decision", "NOT_SAME_PERSON")
                .formParam("reason", "Another place of birth on the identity document")
                .post("/console/reviews/" + checkId + "/decisions")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/reviews"));

        as(TestTokens.reviewer(org))
                .get("/v1/checks/" + checkId + "/reviews")
                .then()
                .statusCode(200)
                .body("reviews[0].decision", equalTo("NOT_SAME_PERSON"))
                .body("reviews[0].reviewer", equalTo("reviewer@" + org))
                .body("reviews[0].current", equalTo(true));
        String after = given().cookie(ConsoleRequest.SESSION_COOKIE, session)
                .get("/console/reviews")
                .asString();
        assertFalse(after.contains(checkId));
    }

    @Test
    void shouldKeepReviewersOutOfAuditorPagesAndStrangersOutOfAll() {
        String reviewer = signIn("reviewer", "school-2");
        given().cookie(ConsoleRequest.SESSION_COOKIE, reviewer)
                .get("/console/audit/events")
                .then()
                .statusCode(403);
        given().redirects().follow(false).get("/console/reviews").then().statusCode(303);
        // a session cookie altered by hand is no session
        given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.SESSION_COOKIE, "x" + reviewer.substring(1))
                .get("/console/reviews")
                .then()
                .statusCode(303);
        String auditor = signIn("auditor", "oversight");
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/reviews")
                .then()
                .statusCode(403);
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/audit/events?type=REVIEW_RECORDED")
                .then()
                .statusCode(200)
                .body(containsString("REVIEW_RECORDED"));
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/audit/events?from=yesterday")
                .then()
                .statusCode(422);
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/audit/verify?run=1")
                .then()
                .statusCode(200);
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/audit/usage")
                .then()
                .statusCode(200);
        given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/audit/checkpoints")
                .then()
                .statusCode(200);
        String csv = given().cookie(ConsoleRequest.SESSION_COOKIE, auditor)
                .get("/console/audit/export?format=csv&type=AUDIT_READ")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(csv.startsWith("sequence,"), csv.substring(0, Math.min(80, csv.length())));
    }

    @Test
    void shouldSpeakTheLanguageOfAcceptLanguageOrTheSwitch() {
        given().header("Accept-Language", "kk-KZ, ru;q=0.8")
                .get("/console/sign-in")
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"kk\">"))
                .body(containsString("Әзірлеуге арналған кіру"));
        given().header("Accept-Language", "ru")
                .get("/console/sign-in")
                .then()
                .body(containsString("<html lang=\"ru\">"))
                .body(containsString("Вход для разработки"));
        given().header("Accept-Language", "de")
                .get("/console/sign-in")
                .then()
                .body(containsString("<html lang=\"en\">"));
        Response form = given().get("/console/sign-in");
        Response switched = given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.CSRF_COOKIE, form.getCookie(ConsoleRequest.CSRF_COOKIE))
                .formParam("csrf", token(form.asString()))
                .formParam("lang", "ru")
                .formParam("back", "https://evil.example/")
                .post("/console/language");
        switched.then().statusCode(303).header("Location", containsString("/console/"));
        assertFalse(switched.getHeader("Location").contains("evil"));
        // a malformed way back is the console's home, not an error
        given().redirects()
                .follow(false)
                .cookie(ConsoleRequest.CSRF_COOKIE, form.getCookie(ConsoleRequest.CSRF_COOKIE))
                .formParam("csrf", token(form.asString()))
                .formParam("lang", "kk")
                .formParam("back", "/console/ \\evil")
                .post("/console/language")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console/"));
        String lang = switched.getCookie(ConsoleRequest.LANGUAGE_COOKIE);
        assertEquals("ru", lang);
        given().header("Accept-Language", "en")
                .cookie(ConsoleRequest.LANGUAGE_COOKIE, lang)
                .get("/console/sign-in")
                .then()
                .body(containsString("<html lang=\"ru\">"));
        assertNotNull(form.getCookie(ConsoleRequest.CSRF_COOKIE));
    }
}
