package org.qorgau.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/**
 * A property over the whole HTTP pipeline: any check request — any JSON value in any field, fields missing or
 * doubled, any string (lone surrogates and control characters included) — is answered 2xx or 4xx, never 5xx, and
 * every 4xx is a problem body. Requests are sampled from jqwik arbitraries (jqwik properties cannot run inside a
 * {@code @QuarkusTest}, so the generators are sampled here; a failure prints the request).
 */
@QuarkusTest
class CheckRequestPropertiesTest {

    static final int TRIES = 400;

    static Arbitrary<String> jsonString() {
        return Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(40),
                        Arbitraries.strings().all().ofMaxLength(12),
                        Arbitraries.of(
                                "EMPLOYMENT",
                                "VOLUNTEERING",
                                "1980",
                                "1980-02-30",
                                "0000-00-00",
                                "9999-12-31",
                                "Nurlan Seitkali",
                                "f".repeat(64),
                                "g".repeat(64),
                                "\u202eNurlan",
                                "\ud800",
                                ""))
                .map(CheckRequestPropertiesTest::quote);
    }

    static Arbitrary<String> jsonValue() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, jsonString()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("null", "true", "false", "0", "-1", "1e309", "[]", "{}")),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, jsonString().list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")));
    }

    /** The field with a usual value, any value, or absent. */
    static Arbitrary<String> field(String name, String usual) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just("\"" + name + "\":" + quote(usual))),
                net.jqwik.api.Tuple.of(3, jsonValue().map(v -> "\"" + name + "\":" + v)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
    }

    static Arbitrary<String> checkRequests() {
        Arbitrary<String> candidate = Combinators.combine(
                        field("fullName", "Property Person"),
                        field("dateOfBirth", "1980-05-05"),
                        field("photoHash", "f".repeat(64)))
                .as((a, b, c) -> "{" + join(a, b, c) + "}");
        Arbitrary<String> candidateField = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, candidate.map(c -> "\"candidate\":" + c)),
                net.jqwik.api.Tuple.of(1, field("candidate", "x")));
        return Combinators.combine(
                        candidateField,
                        field("purpose", "EMPLOYMENT"),
                        field("position", "Teacher"),
                        field("consentReference", "HR-1"))
                .as((a, b, c, d) -> "{" + join(a, b, c, d) + "}");
    }

    @Test
    void anyCheckRequestIsAnswered2xxOr4xx() {
        List<String> failures = new ArrayList<>();
        java.util.Iterator<String> requests =
                checkRequests().sampleStream().limit(TRIES).iterator();
        String token = TestTokens.screener("property-org");
        int created = 0;
        for (int i = 0; i < TRIES; i++) {
            String body = requests.next();
            Response response = given().header("Authorization", "Bearer " + token)
                    .contentType("application/json")
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/v1/checks");
            int status = response.statusCode();
            if (status >= 500 || status < 200) {
                failures.add(status + " for " + body);
            } else if (status >= 400) {
                if (!response.contentType().startsWith("application/problem+json")
                        || response.<Integer>path("status") != status) {
                    failures.add("not a problem body for " + body);
                }
            } else {
                created++;
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // the generator reaches both sides: some requests are valid checks, most are refused
        assertTrue(created > 0, "no generated request was a valid check");
        assertEquals(200, given().get("/q/health/ready").statusCode());
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                present.add(p);
            }
        }
        return String.join(",", present);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
