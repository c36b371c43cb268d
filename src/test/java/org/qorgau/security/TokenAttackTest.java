package org.qorgau.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qorgau.security.AuthenticationTest.Endpoint;
import org.qorgau.support.Db;
import org.qorgau.support.EmbeddedPostgresResource;
import org.qorgau.support.TestTokens;

/**
 * Forged and odd tokens beyond {@link AuthenticationTest}'s expired/issuer/audience/signature/alg-none set: algorithm
 * confusion (HS256 keyed with the published RSA public key), a key smuggled in the header ({@code jwk}), no expiry, no
 * or malformed {@code org}, and roles the service does not know or that sit in claims it does not read.
 */
@QuarkusTest
class TokenAttackTest {

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @jakarta.inject.Inject
    org.qorgau.audit.RefusalSummaries refusalSummaries;

    static Stream<Arguments> forgedTokens() throws Exception {
        String pem = Files.readString(
                EmbeddedPostgresResource.dataDir().resolve("keys").resolve("public.pem"), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return AuthenticationTest.ENDPOINTS.stream().flatMap(endpoint -> {
            String role = endpoint.roles().iterator().next();
            return Stream.of(
                    Arguments.of(endpoint, "HS256 keyed with the public key PEM", hs256(claims(role), pem.getBytes())),
                    Arguments.of(endpoint, "HS256 keyed with the public key DER", hs256(claims(role), der)),
                    Arguments.of(endpoint, "RS256 by a key in its own jwk header", embeddedJwk(claims(role))),
                    Arguments.of(endpoint, "no exp", noExpiry(role)));
        });
    }

    @ParameterizedTest(name = "{0} with {1} answers 401")
    @MethodSource("forgedTokens")
    void shouldAnswer401ForForgedTokens(Endpoint endpoint, String kind, String token) {
        send(given().header("Authorization", "Bearer " + token), endpoint)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    static Stream<Arguments> organisationBoundEndpoints() {
        String zero = "00000000-0000-0000-0000-000000000000";
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/v1/checks", "application/json", AuthenticationTest.CHECK, Set.of("screener")),
                new Endpoint(
                        "POST",
                        "/v1/checks/batch",
                        "application/json",
                        "{\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"c\",\"candidates\":[{\"fullName\":\"A"
                                + " B\",\"dateOfBirth\":\"1970\"}]}",
                        Set.of("screener")),
                new Endpoint("GET", "/v1/checks", null, null, Set.of("screener", "reviewer")),
                new Endpoint("GET", "/v1/checks/" + zero, null, null, Set.of("screener", "reviewer")),
                new Endpoint(
                        "POST",
                        "/v1/checks/" + zero + "/reviews",
                        "application/json",
                        "{\"externalId\":\"X\",\"decision\":\"SAME_PERSON\",\"reason\":\"r\"}",
                        Set.of("reviewer")));
        List<Object> badOrgs = java.util.Arrays.asList(null, "", "   ", 42, List.of("a", "b"), Map.of("id", "a"));
        return endpoints.stream()
                .flatMap(endpoint -> endpoint.roles().stream()
                        .flatMap(role -> badOrgs.stream()
                                .map(org -> Arguments.of(
                                        endpoint, role, org == null ? "absent" : org.toString(), withOrg(role, org)))));
    }

    @ParameterizedTest(name = "{0} as {1} with org {2} answers 403")
    @MethodSource("organisationBoundEndpoints")
    void shouldAnswer403WhenTheTokenNamesNoUsableOrganisation(
            Endpoint endpoint, String role, String org, String token) {
        send(given().header("Authorization", "Bearer " + token), endpoint)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    static Stream<Arguments> oddClaims() {
        String longText = "x".repeat(5_000);
        return Stream.of(
                Arguments.of("NUL in sub", TestTokens.issuerClaims("mal\u0000lory", "acme")),
                Arguments.of("NUL in org", TestTokens.issuerClaims("mallory", "ac\u0000me")),
                Arguments.of("line break in org", TestTokens.issuerClaims("mallory", "acme\nschool-17")),
                Arguments.of("bidi override in org", TestTokens.issuerClaims("mallory", "\u202Eemca")),
                Arguments.of("DEL in sub", TestTokens.issuerClaims("mal\u007Flory", "acme")),
                Arguments.of("5,000-character sub", TestTokens.issuerClaims(longText, "acme")),
                Arguments.of("5,000-character org", TestTokens.issuerClaims("mallory", longText)),
                Arguments.of(
                        "NUL in a role",
                        TestTokens.issuerClaims("mallory", "acme").groups(Set.of("screener", "a\u0000b"))),
                Arguments.of(
                        "5,000-character role",
                        TestTokens.issuerClaims("mallory", "acme").groups(Set.of("screener", longText))));
    }

    @ParameterizedTest(name = "{0}: 401 on every endpoint, audited, no quota taken")
    @MethodSource("oddClaims")
    void shouldRefuseTokensWithOddClaimsCleanly(String kind, JwtClaimsBuilder claims) throws Exception {
        if (!kind.contains("role")) {
            claims.groups(Set.of("screener", "reviewer", "auditor", "registry-admin"));
        }
        String token = claims.sign();
        long quotaBefore = Db.count(dataSource, "select coalesce(sum(used), 0) from quota_usage");
        refusalSummaries.flush(true); // earlier refusals are written now, so they do not count below
        long refusedBefore = refused401();
        as(token)
                .contentType("application/json")
                .body(checkJson("Odd Claims", "1990"))
                .post("/v1/checks")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        assertEquals(quotaBefore, Db.count(dataSource, "select coalesce(sum(used), 0) from quota_usage"));
        for (Endpoint endpoint : AuthenticationTest.ENDPOINTS) {
            send(given().header("Authorization", "Bearer " + token), endpoint)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }
        // a token that fails verification is audited in the per-source summary of refused requests: written now
        refusalSummaries.flush(true);
        assertTrue(refused401() > refusedBefore, "the refusal was not audited");
    }

    private long refused401() {
        return Db.count(
                dataSource,
                "select count(*) from audit_event where type = 'ACCESS_REFUSED' and (outcome->>'status') = '401'"
                        + " and actor_subject = 'anonymous'");
    }

    @Test
    void shouldIgnoreUnknownRolesAndRolesInClaimsItDoesNotRead() {
        String token = TestTokens.issuerClaims("inflated-user", "inflated-org")
                .groups(Set.of("screener", "admin", "superuser", "*", "Auditor", "AUDITOR", "registry_admin", "root"))
                .claim("roles", List.of("auditor", "registry-admin"))
                .claim("realm_access", Map.of("roles", List.of("auditor", "registry-admin")))
                .claim("scope", "auditor registry-admin")
                .claim("role", "auditor")
                .sign();
        // the one real role still works
        as(token)
                .contentType("application/json")
                .body(checkJson("Inflated Roles", "1990"))
                .post("/v1/checks")
                .then()
                .statusCode(201);
        // none of the others grants anything
        for (Endpoint endpoint : AuthenticationTest.ENDPOINTS) {
            if (endpoint.roles().contains("screener")) {
                continue;
            }
            send(given().header("Authorization", "Bearer " + token), endpoint)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void shouldRecordTheForgedTokensCallerAsAnonymousNotAsTheClaimedSubject() {
        String token = hs256(claims("auditor"), "secret".getBytes(StandardCharsets.UTF_8));
        Response response = given().header("Authorization", "Bearer " + token).get("/v1/audit/events");
        response.then().statusCode(401).header("WWW-Authenticate", "Bearer");
        // the body does not echo the claims of a token it did not trust
        org.junit.jupiter.api.Assertions.assertFalse(response.asString().contains("mallory"));
    }

    private static String withOrg(String role, Object org) {
        JwtClaimsBuilder builder =
                TestTokens.issuerClaims(role + "-orgless", null).groups(Set.of(role));
        if (org != null) {
            builder.claim("org", org);
        }
        return builder.sign();
    }

    private static String claims(String role) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\",\"sub\":\"mallory\","
                + "\"upn\":\"mallory\",\"org\":\"acme\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":"
                + (now + 600) + "}";
    }

    private static String noExpiry(String role) {
        long now = Instant.now().getEpochSecond();
        // signed with the trusted key but without exp: a token that would never expire
        String payload = "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"" + TestTokens.AUDIENCE + "\","
                + "\"sub\":\"forever\",\"org\":\"acme\",\"groups\":[\"" + role + "\"],\"iat\":" + now + "}";
        try {
            String pem = Files.readString(EmbeddedPostgresResource.privateKey(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder()
                    .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            java.security.PrivateKey trusted = java.security.KeyFactory.getInstance("RSA")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
            String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(payload);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(trusted);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hs256(String payload, byte[] secret) {
        try {
            String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(payload);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String embeddedJwk(String payload) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair attacker = generator.generateKeyPair();
            RSAPublicKey key = (RSAPublicKey) attacker.getPublic();
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"jwk\":{\"kty\":\"RSA\",\"e\":\""
                    + b64(unsigned(key.getPublicExponent())) + "\",\"n\":\"" + b64(unsigned(key.getModulus()))
                    + "\"}}";
            String signingInput = b64(header) + "." + b64(payload);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(attacker.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Response send(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(endpoint.contentType())
                    .body(endpoint.body().getBytes(StandardCharsets.UTF_8));
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
