package org.qorgau.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each exception leaves with its own status and type, never as a 500 by inheritance. */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    static Stream<Arguments> mappings() {
        return Stream.of(
                Arguments.of(new BadRequestException("b"), 400, "bad-request"),
                Arguments.of(new UnauthorizedException("u"), 401, "unauthorized"),
                Arguments.of(new ForbiddenException("f"), 403, "forbidden"),
                Arguments.of(new NotFoundException("n"), 404, "not-found"),
                Arguments.of(new ConflictException("c"), 409, "conflict"),
                Arguments.of(new PayloadTooLargeException("p"), 413, "payload-too-large"),
                Arguments.of(new UnsupportedMediaTypeException("m"), 415, "unsupported-media-type"),
                Arguments.of(new ValidationException("field", "bad"), 422, "validation"),
                Arguments.of(new TooManyRequestsException("slow down", 7), 429, "too-many-requests"),
                Arguments.of(new ServiceUnavailableException("s"), 503, "service-unavailable"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("mappings")
    void shouldMapEachExceptionToItsOwnStatusAndType(QorgauException e, int status, String slug) {
        Response response = mapper.qorgau(e, null);
        assertEquals(status, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = (Problem) response.getEntity();
        assertEquals(status, problem.status());
        assertEquals(Problem.TYPE_PREFIX + slug, problem.type());
        assertEquals(e.getMessage(), problem.detail());
    }

    @Test
    void shouldSendRetryAfterWith429AndChallengeWith401() {
        assertEquals(
                "7", mapper.qorgau(new TooManyRequestsException("x", 7), null).getHeaderString("Retry-After"));
        assertEquals(
                "Bearer", mapper.qorgau(new UnauthorizedException("x"), null).getHeaderString("WWW-Authenticate"));
    }

    @Test
    void shouldListFieldErrorsOfValidation() {
        var e = new ValidationException(
                "two problems", List.of(FieldError.of("a", "a bad"), FieldError.of("b", "b bad")));
        Problem problem = (Problem) mapper.qorgau(e, null).getEntity();
        assertEquals(2, problem.errors().size());
    }

    @Test
    void shouldHideUnexpectedErrorsBehindA500WithoutClassNames() {
        Response response = mapper.unexpected(new IllegalStateException("secret internals of java.lang.Foo"), null);
        assertEquals(500, response.getStatus());
        Problem problem = (Problem) response.getEntity();
        assertFalse(problem.detail().contains("java."));
        assertFalse(problem.detail().contains("secret"));
    }

    @Test
    void shouldAnswer503WhenTheDatabaseIsUnreachable() {
        Response response = mapper.unexpected(
                new IllegalStateException("wrapped", new SQLTransientConnectionException("pool exhausted")), null);
        assertEquals(503, response.getStatus());
    }

    @Test
    void shouldUnwrapADomainErrorFromAWrapper() {
        Response response = mapper.unexpected(new RuntimeException(new NotFoundException("inner")), null);
        assertEquals(404, response.getStatus());
        assertTrue(((Problem) response.getEntity()).detail().contains("inner"));
    }
}
