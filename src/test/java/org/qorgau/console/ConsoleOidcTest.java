package org.qorgau.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qorgau.screening.MatchingIndex;
import org.qorgau.support.TestTokens;

/**
 * Production sign-in: the OpenID Connect authorisation-code flow against a real (WireMock-based) identity provider
 * for tests, with discovery, keys, a login page and a token endpoint; the development sign-in is off. The provider's
 * ID token carries the same {@code groups} and {@code org} claims the API's tokens do. The API's own bearer tokens
 * are checked in the same running service: the provider sign-in must leave them exactly as they were.
 *
 * <p>The browser opens the console at {@code 127.0.0.1} while the provider is at {@code localhost}: two sites, as in
 * production, so the SameSite rules of the cookies are exercised for real.
 */
@QuarkusTest
@TestProfile(ConsoleOidcTest.Production.class)
@QuarkusTestResource(value = ConsoleOidcTest.IdentityProvider.class, restrictToAnnotatedClass = true)
class ConsoleOidcTest {

    private static final String CLIENT_ID = "qorgau-console";
    /** The test provider's signing key (a classpath resource of quarkus-test-oidc-server). */
    private static final String PROVIDER_KEY = "privateKey.jwk";

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Map.of(
                    "qorgau.console.dev-sign-in", "false",
                    "qorgau.console.oidc-sign-in", "true",
                    "qorgau.console.session-key", Base64.getEncoder().encodeToString(key),
                    "quarkus.oidc.console.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.console.client-id", CLIENT_ID,
                    "quarkus.oidc.console.credentials.secret", "secret");
        }
    }

    /**
     * The test identity provider, minus its one side effect on this service: it would make the test's token builder
     * sign with the provider's key, so that the API tokens minted here would no longer be the service's own.
     */
    public static class IdentityProvider extends OidcWiremockTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.remove("smallrye.jwt.sign.key.location");
            return config;
        }
    }

    private static ConsoleBrowser browser;

    @OidcWireMock
    WireMockServer identityProvider;

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    MatchingIndex index;

    @Inject
    SessionCodec sessions;

    @BeforeAll
    static void launch() throws Exception {
        browser = ConsoleBrowser.launch();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The console on another site than the provider (which is at localhost). */
    private URL crossSiteConsole() throws MalformedURLException {
        return new URL("http", "127.0.0.1", console.getPort(), "/console/");
    }

    /** A token signed by the identity provider. */
    private static String providerToken(String subject, Set<String> groups, String org) {
        var claims = Jwt.subject(subject)
                .preferredUserName(subject)
                .groups(groups)
                .issuer("https://server.example.com")
                .audience(CLIENT_ID);
        if (org != null) {
            claims.claim("org", org);
        }
        return claims.jws().keyId("1").sign(PROVIDER_KEY);
    }

    /** The identity provider's answer to the code exchange: an ID token for this person. */
    private void nextSignIn(String subject, Set<String> groups, String org) {
        String token = providerToken(subject, groups, org);
        identityProvider.stubFor(post("/auth/realms/quarkus/token")
                .withRequestBody(containing("authorization_code"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                                + "\"id_token\":\"" + token + "\"}")));
    }

    /** Opens {@code path} of the console, goes through the provider's login page, and waits to be back. */
    private Page signIn(String path) throws MalformedURLException {
        URL site = crossSiteConsole();
        Page page = browser.page(site, "en");
        page.navigate(site + path);
        providerLogin(page);
        return page;
    }

    private static void providerLogin(Page page) {
        assertThat(page.locator("#username")).isVisible();
        assertTrue(page.url().contains("/auth/realms/quarkus?"), page.url());
        page.locator("#username").fill("lead");
        page.locator("#password").fill("secret");
        page.locator("#login").click();
        // back through the code exchange and the "signed in" page, which moves on by itself
        page.waitForURL(
                url -> url.startsWith("http://127.0.0.1:") && !url.contains("/oidc/") && !url.contains("/signed-in"));
    }

    private static List<Cookie> cookies(Page page, String name) {
        return page.context().cookies().stream()
                .filter(c -> c.name.equals(name))
                .toList();
    }

    /** A POSSIBLE_MATCH of {@code org} waiting for a decision; returns the registry entry's id. */
    private String waitingCheck(String org) {
        String name = uniqueSurname() + " " + uniqueSurname();
        String externalId = uniqueId("OIDC");
        importNdjson("upsert", entryJson(externalId, name, "1981-02-14")).then().statusCode(200);
        index.refresh();
        var answer = as(TestTokens.screener(org))
                .contentType("application/json")
                .body(checkJson(name, "1981"))
                .post("/v1/checks");
        // Tests share one registry. Should another test's entries ever agree with this made-up name (a refusal as too
        // broad was seen once), the failure names them and the evidence, which the refusal itself never discloses.
        assertEquals(201, answer.statusCode(), () -> name + " 1981 also matched: " + agreeing(name));
        answer.then().body("verdict", equalTo("POSSIBLE_MATCH"));
        return externalId;
    }

    /** What the index finds for {@code name} born in 1981, with each match's evidence (test data, for a failure). */
    private String agreeing(String name) {
        return index.current()
                .map(snapshot -> snapshot.screen(new org.qorgau.matching.Probe(name, "1981", null)).matches().stream()
                        .map(m -> m.externalId() + " " + m.verdict() + " " + m.explanation())
                        .toList()
                        .toString())
                .orElse("no index");
    }

    @Test
    void shouldSendAConsolePageWithoutSessionToTheProviderAndHaveNoDevelopmentSignIn() {
        given().get("/console/sign-in").then().statusCode(404);
        given().redirects()
                .follow(false)
                .get("/console/reviews")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/console/"));
        given().redirects()
                .follow(false)
                .get("/console/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/oidc/sign-in"));
        // the authorisation-code flow's request to the provider, with PKCE, and its state in an HttpOnly cookie
        var toProvider = given().redirects().follow(false).get("/console/oidc/sign-in");
        toProvider
                .then()
                .statusCode(302)
                .header("Location", containsString("/auth/realms/quarkus?"))
                .header("Location", containsString("response_type=code"))
                .header("Location", containsString("client_id=" + CLIENT_ID))
                .header("Location", containsString("code_challenge="));
        var state = toProvider.getDetailedCookies().asList().stream()
                .filter(c -> c.getName().startsWith("q_auth_console"))
                .findFirst()
                .orElseThrow();
        assertTrue(state.isHttpOnly(), state.toString());
        assertEquals("/console", state.getPath());
    }

    @Test
    void shouldShowASignedInReviewerTheirOrganisationsQueueOnlyWhileTheApiKeepsItsBearerTokens() throws Exception {
        String org = uniqueId("oidc-school");
        String ours = waitingCheck(org);
        String theirs = waitingCheck(uniqueId("oidc-other"));

        nextSignIn("lead-" + org, Set.of("reviewer"), org);
        Page page = signIn("reviews");
        assertThat(page.locator("h1")).hasText("Checks waiting for a decision");
        assertThat(page.locator("header")).containsText("lead-" + org + " (" + org + ")");
        assertThat(page.locator("main")).containsText(ours);
        assertThat(page.locator("main")).not().containsText(theirs);
        browser.axe(page);
        // the console's own session cookie only: HttpOnly, SameSite=Strict, on /console; the provider's tokens are gone
        Cookie session = cookies(page, ConsoleRequest.SESSION_COOKIE).get(0);
        assertTrue(session.httpOnly);
        assertEquals(SameSiteAttribute.STRICT, session.sameSite);
        assertEquals("/console", session.path);
        assertEquals(
                0, cookies(page, ConsoleOidcResource.PROVIDER_SESSION_COOKIE).size());
        // a reviewer has no auditor pages
        page.navigate(crossSiteConsole() + "audit/events");
        assertThat(page.locator("h1")).hasText("Not allowed");

        // the API in the same running service: its bearer tokens as before, no redirect without one
        as(TestTokens.reviewer(org))
                .get("/v1/reviews/queue")
                .then()
                .statusCode(200)
                .body(containsString(ours))
                .body(not(containsString(theirs)));
        as(TestTokens.auditor()).get("/v1/audit/events?limit=1").then().statusCode(200);
        given().redirects()
                .follow(false)
                .get("/v1/audit/events")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        // a signed token of this service without a role: authenticated, not allowed
        as(TestTokens.issuerClaims("nobody", org).sign())
                .get("/v1/audit/events?limit=1")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        // the identity provider's token is not an API token (another issuer and key)
        as(providerToken("lead-" + org, Set.of("auditor"), org))
                .get("/v1/audit/events?limit=1")
                .then()
                .statusCode(401);

        // signing out ends the console's session and lands on a page, not back at the provider
        page.navigate(crossSiteConsole() + "reviews");
        page.getByText("Sign out").click();
        assertThat(page.locator("h1")).hasText("Signed out");
        assertEquals(0, cookies(page, ConsoleRequest.SESSION_COOKIE).size());
        page.navigate(crossSiteConsole() + "reviews");
        assertThat(page.locator("#username")).isVisible();
        page.context().close();
    }

    @Test
    void shouldSendAnExpiredSessionThroughTheProviderAgain() throws Exception {
        nextSignIn("inspector-1", Set.of("auditor"), "oversight");
        Page page = signIn("");
        assertThat(page.locator("h1")).hasText("Audit events");
        // the same session, expired: the next page asks the provider again, then the console is back
        URL site = crossSiteConsole();
        String expired = sessions.encode(new ConsoleSession(
                "inspector-1",
                "oversight",
                Set.of("auditor"),
                SessionCodec.randomToken(),
                Instant.now().minusSeconds(1)));
        page.context()
                .addCookies(List.of(new Cookie(ConsoleRequest.SESSION_COOKIE, expired)
                        .setDomain(site.getHost())
                        .setPath("/console")));
        page.navigate(site + "audit/verify");
        providerLogin(page);
        assertThat(page.locator("h1")).hasText("Audit events");
        page.context().close();
    }

    @Test
    void shouldRefuseAnAccountWithoutAConsoleRoleOrAReviewerWithoutOrganisation() throws Exception {
        nextSignIn("hr-1", Set.of("screener"), "school-9");
        Page page = browser.page(crossSiteConsole(), "en");
        page.navigate(crossSiteConsole().toString());
        page.locator("#username").fill("hr");
        page.locator("#password").fill("secret");
        page.locator("#login").click();
        assertThat(page.locator("h1")).hasText("Not allowed");
        assertThat(page.locator("main")).containsText("no console role");
        assertEquals(0, cookies(page, ConsoleRequest.SESSION_COOKIE).size());
        page.context().close();

        nextSignIn("lead-9", Set.of("reviewer"), null);
        page = browser.page(crossSiteConsole(), "en");
        page.navigate(crossSiteConsole().toString());
        page.locator("#username").fill("lead");
        page.locator("#password").fill("secret");
        page.locator("#login").click();
        assertThat(page.locator("h1")).hasText("Not allowed");
        assertEquals(0, cookies(page, ConsoleRequest.SESSION_COOKIE).size());
        page.context().close();
    }
}
