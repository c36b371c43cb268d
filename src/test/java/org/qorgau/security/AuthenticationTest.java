package org.qorgau.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qorgau.support.TestTokens;

/** Every endpoint refuses missing and broken tokens with 401, and the wrong roles with 403. */
@QuarkusTest
class AuthenticationTest {

    /** An endpoint with the roles allowed on it. */
    record Endpoint(String method, String path, String contentType, String body, Set<String> roles) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String CHECK = "{\"candidate\":{\"fullName\":\"A B\",\"dateOfBirth\":\"1970\"},"
            + "\"purpose\":\"EMPLOYMENT\",\"consentReference\":\"c\"}";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/registry/imports", "application/x-ndjson", "\n", Set.of("registry-admin")),
            new Endpoint("GET", "/v1/registry/entries/X1", null, null, Set.of("registry-admin")),
            new Endpoint("PUT", "/v1/registry/entries/X1", "application/json", "{}", Set.of("registry-admin")),
            new Endpoint("DELETE", "/v1/registry/entries/X1?reason=r", null, null, Set.of("registry-admin")),
            new Endpoint("GET", "/v1/registry/versions", null, null, Set.of("registry-admin", "auditor")),
            new Endpoint("POST", "/v1/checks", "application/json", CHECK, Set.of("screener")),
            new Endpoint("GET", "/v1/checks", null, null, Set.of("screener", "reviewer", "auditor")),
            new Endpoint(
                    "GET",
                    "/v1/checks/00000000-0000-0000-0000-000000000000",
                    null,
                    null,
                    Set.of("screener", "reviewer", "auditor")),
            new Endpoint(
                    "POST",
                    "/v1/checks/batch",
                    "application/json",
                    "{\"purpose\":\"EMPLOYMENT\",\"candidates\":[]}",
                    Set.of("screener")),
            new Endpoint(
                    "POST",
                    "/v1/checks/00000000-0000-0000-0000-000000000000/reviews",
                    "application/json",
                    "{}",
                    Set.of("reviewer")),
            new Endpoint("GET", "/v1/audit/events", null, null, Set.of("auditor")),
            new Endpoint("GET", "/v1/audit/verify?from=1&to=1", null, null, Set.of("auditor")),
            new Endpoint("GET", "/v1/audit/checkpoints", null, null, Set.of("auditor")),
            new Endpoint("POST", "/v1/audit/checkpoints", null, null, Set.of("auditor")),
            new Endpoint("GET", "/v1/audit/usage", null, null, Set.of("auditor")),
            // the person checked: subject access and disputes
            new Endpoint(
                    "POST", "/v1/subject-access-requests", "application/json", "{}", Set.of("data-protection-officer")),
            new Endpoint(
                    "POST",
                    "/v1/disputes",
                    "application/json",
                    "{}",
                    Set.of("screener", "reviewer", "data-protection-officer")),
            new Endpoint(
                    "GET",
                    "/v1/disputes",
                    null,
                    null,
                    Set.of("screener", "reviewer", "data-protection-officer", "registry-admin", "auditor")),
            new Endpoint(
                    "GET",
                    "/v1/disputes/00000000-0000-0000-0000-000000000000",
                    null,
                    null,
                    Set.of("screener", "reviewer", "data-protection-officer", "registry-admin", "auditor")),
            new Endpoint(
                    "POST",
                    "/v1/disputes/00000000-0000-0000-0000-000000000000/resolution",
                    "application/json",
                    "{}",
                    Set.of("registry-admin")),
            new Endpoint(
                    "POST",
                    "/v1/disputes/00000000-0000-0000-0000-000000000000/resolution/revocation",
                    "application/json",
                    "{}",
                    Set.of("registry-admin")));

    static final List<String> ROLES =
            List.of("screener", "reviewer", "auditor", "registry-admin", "data-protection-officer");

    static Stream<Arguments> brokenTokens() {
        List<Function<String, String>> kinds = List.of(
                role -> null,
                TestTokens::expired,
                TestTokens::notYetValid,
                TestTokens::wrongIssuer,
                TestTokens::wrongAudience,
                TestTokens::badSignature,
                TestTokens::algNone,
                role -> "not-a-jwt");
        List<String> names = List.of(
                "none",
                "expired",
                "not yet valid",
                "wrong issuer",
                "wrong audience",
                "bad signature",
                "alg none",
                "garbage");
        return ENDPOINTS.stream()
                .flatMap(endpoint -> java.util.stream.IntStream.range(0, kinds.size())
                        .mapToObj(i -> Arguments.of(
                                endpoint,
                                names.get(i),
                                kinds.get(i).apply(endpoint.roles().iterator().next()))));
    }

    static Stream<Arguments> wrongRoles() {
        return ENDPOINTS.stream()
                .flatMap(endpoint -> ROLES.stream()
                        .filter(role -> !endpoint.roles().contains(role))
                        .map(role -> Arguments.of(endpoint, role)));
    }

    @ParameterizedTest(name = "{0} with {1} token answers 401")
    @MethodSource("brokenTokens")
    void shouldAnswer401ForMissingOrBrokenTokens(Endpoint endpoint, String kind, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        send(request, endpoint)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0} as {1} answers 403")
    @MethodSource("wrongRoles")
    void shouldAnswer403ForTheWrongRole(Endpoint endpoint, String role) {
        send(given().header("Authorization", "Bearer " + TestTokens.token(role, "acme")), endpoint)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    private static io.restassured.response.Response send(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(endpoint.contentType())
                    .body(endpoint.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
