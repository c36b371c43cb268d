package org.qorgau.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/**
 * Production sign-in: the OpenID Connect authorisation-code flow against a test identity provider (quarkus'
 * WireMock-based OIDC server: discovery, keys, a login page and a token endpoint), with the development sign-in off.
 * The identity provider's ID token carries the same {@code groups} and {@code org} claims the API's tokens do.
 */
@QuarkusTest
@TestProfile(ConsoleOidcTest.Production.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class ConsoleOidcTest {

    private static final String CLIENT_ID = "qorgau-console";

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "qorgau.console.dev-sign-in", "false",
                    "qorgau.console.oidc-sign-in", "true",
                    "quarkus.oidc.console.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.console.client-id", CLIENT_ID,
                    "quarkus.oidc.console.credentials.secret", "secret");
        }
    }

    private static ConsoleBrowser browser;

    @OidcWireMock
    WireMockServer identityProvider;

    @TestHTTPResource("/console/")
    URL console;

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

    /** The identity provider's answer to the code exchange: an ID token for this person. */
    private void idToken(String subject, Set<String> groups, String org) {
        var claims = Jwt.subject(subject)
                .preferredUserName(subject)
                .groups(groups)
                .issuer("https://server.example.com")
                .audience(CLIENT_ID);
        if (org != null) {
            claims.claim("org", org);
        }
        String token = claims.jws().keyId("1").sign("privateKey.jwk");
        identityProvider.stubFor(post("/auth/realms/quarkus/token")
                .withRequestBody(containing("authorization_code"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                                + "\"id_token\":\"" + token + "\"}")));
    }

    /** Opens the console, goes through the identity provider's login page, and lands back in the console. */
    private Page signIn() {
        Page page = browser.page(console, "en");
        page.navigate(console.toString());
        // the identity provider's login page
        page.locator("#username").fill("lead");
        page.locator("#password").fill("secret");
        page.locator("#login").click();
        return page;
    }

    @Test
    void shouldSignAReviewerInThroughTheIdentityProviderWithTheOrganisationFromItsClaims() {
        String org = uniqueId("oidc-school");
        idToken("lead-" + org, Set.of("reviewer"), org);
        Page page = signIn();
        assertThat(page.locator("h1")).hasText("Checks waiting for a decision");
        assertThat(page.locator("header")).containsText("lead-" + org + " (" + org + ")");
        browser.axe(page);
        // a reviewer sees their organisation only, and has no auditor pages
        page.navigate(console + "audit/events");
        assertThat(page.locator("h1")).hasText("Not allowed");
        // signing out ends the console's session and the provider's session cookie with it
        page.navigate(console + "reviews");
        page.getByText("Sign out").click();
        page.waitForURL(url -> !url.contains("/console/reviews"));
        assertEquals(
                0L,
                page.context().cookies().stream()
                        .filter(c -> c.name.equals(ConsoleRequest.SESSION_COOKIE)
                                || c.name.equals(ConsoleResource.OIDC_SESSION_COOKIE))
                        .count());
        page.context().close();
    }

    @Test
    void shouldGiveAnAuditorTheAuditorPages() {
        idToken("inspector-1", Set.of("auditor"), "oversight");
        Page page = signIn();
        assertThat(page.locator("h1")).hasText("Audit events");
        page.context().close();
    }

    @Test
    void shouldRefuseAnAccountWithoutAConsoleRoleOrAReviewerWithoutOrganisation() {
        idToken("hr-1", Set.of("screener"), "school-9");
        Page page = signIn();
        assertThat(page.locator("h1")).hasText("Not allowed");
        assertThat(page.locator("main")).containsText("no console role");
        page.context().close();
        idToken("lead-9", Set.of("reviewer"), null);
        page = signIn();
        assertThat(page.locator("h1")).hasText("Not allowed");
        page.context().close();
    }

    /**
     * Fails today: with the console's OIDC tenant enabled, the API's valid bearer tokens answer 401 (quarkus-oidc and
     * smallrye-jwt both take bearer-token authentication requests, and OIDC's, for the disabled default tenant,
     * refuses them). Until that is solved the provider sign-in must stay off in production.
     */

    @Test
    void shouldHaveNoDevelopmentSignInAndLeaveTheApisBearerTokensAsTheyWere() {
        given().get("/console/sign-in").then().statusCode(404);
        // the console sends a browser without a session to the identity provider
        given().redirects()
                .follow(false)
                .get("/console/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/oidc/sign-in"));
        // the API: bearer tokens verified by smallrye-jwt exactly as before, and no redirect for a missing token
        as(TestTokens.auditor()).get("/v1/audit/verify").then().statusCode(200);
        given().redirects()
                .follow(false)
                .get("/v1/audit/verify")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        // an identity provider's token is not an API token (other issuer and key)
        String providerToken = Jwt.subject("x")
                .groups(Set.of("auditor"))
                .issuer("https://server.example.com")
                .audience(CLIENT_ID)
                .jws()
                .keyId("1")
                .sign("privateKey.jwk");
        as(providerToken).get("/v1/audit/verify").then().statusCode(401);
        as(TestTokens.auditor())
                .get("/v1/audit/events?limit=1")
                .then()
                .statusCode(200)
                .body("events.size()", equalTo(1));
    }
}
