package org.qorgau.screening.api;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.error.ServiceUnavailableException;
import org.qorgau.error.ValidationException;
import org.qorgau.screening.CheckService;
import org.qorgau.security.Caller;
import org.qorgau.support.TestTokens;

/**
 * The check resource alone, with the service mocked: how each outcome of the service becomes HTTP (status, headers,
 * body), without screening or a database write. The whole stack is tested by {@code CheckApiTest}.
 */
@QuarkusTest
class CheckResourceTest {

    @InjectMock
    CheckService checks;

    private static CheckResponse answer(UUID checkId) {
        return new CheckResponse(
                checkId,
                Instant.parse("2026-11-30T08:00:00Z"),
                "NO_MATCH",
                7,
                "engine-x",
                List.of(),
                new CheckResponse.AuditRef(42, "a".repeat(64)),
                null,
                null);
    }

    @Test
    void shouldAnswer201WithLocationAndTheServicesAnswer() {
        UUID checkId = UUID.randomUUID();
        when(checks.perform(any(CheckRequest.class), eq("key-1"), any(Caller.class)))
                .thenReturn(new CheckService.Performed(answer(checkId)));
        as(TestTokens.screener("mock-school"))
                .contentType("application/json")
                .header("Idempotency-Key", "key-1")
                .body(checkJson("Any Name", "1980-01-01"))
                .post("/v1/checks")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/v1/checks/" + checkId))
                .body("checkId", equalTo(checkId.toString()))
                .body("verdict", equalTo("NO_MATCH"))
                .body("registryVersion", equalTo(7))
                .body("audit.sequence", equalTo(42));
    }

    @Test
    void shouldAnswer422ProblemWhenTheServiceRefusesTheRequest() {
        when(checks.perform(any(CheckRequest.class), isNull(), any(Caller.class)))
                .thenThrow(new ValidationException("purpose", "purpose is required"));
        as(TestTokens.screener("mock-school"))
                .contentType("application/json")
                .body(checkJson("Any Name", "1980-01-01"))
                .post("/v1/checks")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheServiceIsUnavailable() {
        when(checks.perform(any(CheckRequest.class), isNull(), any(Caller.class)))
                .thenThrow(new ServiceUnavailableException("The matching index is still loading; try again shortly."));
        as(TestTokens.screener("mock-school"))
                .contentType("application/json")
                .body(checkJson("Any Name", "1980-01-01"))
                .post("/v1/checks")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
    }

    @Test
    void shouldAnswer404ProblemForACheckTheServiceDoesNotShow() {
        UUID checkId = UUID.randomUUID();
        when(checks.find(eq(checkId), any(Caller.class), eq(false))).thenReturn(Optional.empty());
        as(TestTokens.screener("mock-school"))
                .get("/v1/checks/" + checkId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswer404WithoutAskingTheServiceForAnIdThatIsNoUuid() {
        as(TestTokens.screener("mock-school"))
                .get("/v1/checks/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        verify(checks, never()).find(any(), any(), eq(false));
    }

    @Test
    void shouldAnswer403WithoutCallingTheServiceForAnotherRole() {
        as(TestTokens.reviewer("mock-school"))
                .contentType("application/json")
                .body(checkJson("Any Name", "1980-01-01"))
                .post("/v1/checks")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        verify(checks, never()).perform(any(), any(), any());
    }
}
