package org.qorgau.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become HTTP answers: every error leaves as {@code application/problem+json} (refusals,
 * 401 and 403, are audited on their way out by {@code audit.RefusalAuditing}). Unknown
 * exceptions become a bare 500 with no detail, and are logged with their stack trace (which never names a
 * candidate: exception messages in this code base carry ids only).
 */
public final class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response qorgau(QorgauException e, UriInfo uri) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(
                        Problem.TYPE_PREFIX + e.type(),
                        e.title(),
                        e.status(),
                        e.detail(),
                        path(uri),
                        e.errors(),
                        e.counts()));
        e.headers().forEach(builder::header);
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return qorgau(new org.qorgau.error.UnauthorizedException("A valid bearer token is required."), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return qorgau(new org.qorgau.error.UnauthorizedException("A valid bearer token is required."), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return qorgau(new org.qorgau.error.ForbiddenException("Your role does not allow this operation."), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return qorgau(new BadRequestException(describe(e)), uri);
    }

    /** More specific than Quarkus' built-in Jackson mappers, so their plain-JSON bodies never leave. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsable(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        // the same type and title as the exception tree's for the same status: one title per type (docs/problems.md)
        String[] kind = switch (status) {
            case 400 -> new String[] {"bad-request", "Bad request", "The request could not be read."};
            case 401 -> new String[] {"unauthorized", "Unauthorized", "A valid bearer token is required."};
            case 403 -> new String[] {"forbidden", "Forbidden", "Your role does not allow this operation."};
            case 404 -> new String[] {"not-found", "Not found", "No such resource."};
            case 405 ->
                new String[] {"method-not-allowed", "Method not allowed", "This method is not allowed on this resource."
                };
            case 406 -> new String[] {"not-acceptable", "Not acceptable", "The requested media type is not available."};
            case 409 -> new String[] {"conflict", "Conflict", "The request conflicts with the resource's state."};
            case 411 -> new String[] {"length-required", "Length required", "Send a Content-Length with the body."};
            case 413 -> new String[] {"payload-too-large", "Payload too large", "The request body is too large."};
            case 415 ->
                new String[] {
                    "unsupported-media-type", "Unsupported media type", "This media type is not accepted here."
                };
            case 503 -> new String[] {"service-unavailable", "Service unavailable", "Try again shortly."};
            default ->
                status >= 500
                        ? new String[] {
                            "internal", "Internal error", "The service failed to answer; the error has been logged."
                        }
                        : new String[] {"bad-request", "Bad request", "The request could not be processed."};
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_PREFIX + kind[0], kind[1], status, kind[2], path(uri), List.of()));
        if (status == 503) {
            builder.header("Retry-After", ServiceUnavailableException.RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof QorgauException q) {
                return qorgau(q, uri);
            }
            if (root instanceof JsonProcessingException json) {
                return json(json, uri);
            }
        }
        if (DatabaseUnavailable.isCause(e)) {
            return qorgau(new ServiceUnavailableException("The database is not answering; try again shortly."), uri);
        }
        LOG.error("Unexpected error", e);
        return Response.status(500)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(
                        Problem.TYPE_PREFIX + "internal",
                        "Internal error",
                        500,
                        "The service failed to answer; the error has been logged.",
                        path(uri),
                        List.of()))
                .build();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof InvalidFormatException f) {
            return "Invalid value for " + pathOf(f) + ".";
        }
        if (e instanceof MismatchedInputException m) {
            String path = pathOf(m);
            return path.isEmpty() ? "The body does not have the expected shape." : "Wrong type for " + path + ".";
        }
        return "The body is not valid JSON.";
    }

    private static String pathOf(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
