package org.qorgau.console;

import io.quarkus.oidc.AuthorizationCodeFlow;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.qorgau.common.Validation;
import org.qorgau.security.Roles;

/**
 * The console's production sign-in: the organisation's OpenID Connect provider, authorisation-code flow. Quarkus
 * OIDC's "console" tenant owns {@code /console/oidc/*} only (application.properties); its default tenant is off, so
 * the API's bearer tokens never reach it and stay with SmallRye JWT.
 *
 * <p>The ID token's {@code sub}, {@code groups} and {@code org} become the console's own session cookie, exactly the
 * subject, roles and organisation an API token with those claims gives; quarkus-oidc's session cookie (the
 * provider's tokens) is dropped at once, so no provider token outlives the sign-in. When the console's session
 * expires, the next page comes here again, and the provider signs the person in again (without a password prompt
 * while the provider's own session lasts).
 */
@Path("/console/oidc")
public class ConsoleOidcResource {

    static final String SIGN_IN = "/console/oidc/sign-in";
    /** quarkus-oidc's session cookie of the "console" tenant. */
    static final String PROVIDER_SESSION_COOKIE = "q_session_console";

    private static final Set<String> CONSOLE_ROLES = Set.of(Roles.REVIEWER, Roles.AUDITOR, Roles.REGISTRY_ADMIN);

    private final ConsoleConfig config;
    private final SessionCodec sessions;
    private final SecurityIdentity identity;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    public ConsoleOidcResource(ConsoleConfig config, SessionCodec sessions, SecurityIdentity identity) {
        this.config = config;
        this.sessions = sessions;
        this.identity = identity;
    }

    /**
     * Reached with a provider session only: without one, quarkus-oidc answers with the redirect to the provider
     * ({@link #challenge}). Ends on a console page reached by redirect (never on this URL, which carries the code).
     */
    @GET
    @Path("/sign-in")
    @Authenticated
    @AuthorizationCodeFlow
    public Response signIn() {
        if (!config.oidcSignIn()) {
            return Response.status(404).build();
        }
        ConsoleRequest request = new ConsoleRequest(headers, uri, sessions);
        // the provider's tokens are not needed beyond this request
        request.addCookie(request.cookie(PROVIDER_SESSION_COOKIE, "", 0));
        Optional<ConsoleSession> session = session();
        if (session.isEmpty()) {
            return Response.seeOther(URI.create("/console/not-allowed"))
                    .cookie(request.cookies())
                    .build();
        }
        request.addCookie(request.cookie(ConsoleRequest.SESSION_COOKIE, sessions.encode(session.get()), (int)
                config.sessionTtl().toSeconds()));
        return Response.seeOther(URI.create("/console/signed-in"))
                .cookie(request.cookies())
                .build();
    }

    /**
     * The verified ID token as a console session; none for an account without a console role, a reviewer without
     * organisation (reviewers act for one, as in the API), or claims the audit log could not record as they are.
     */
    private Optional<ConsoleSession> session() {
        Set<String> roles = new HashSet<>(identity.getRoles());
        roles.retainAll(CONSOLE_ROLES);
        String subject = null;
        String org = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            subject = token.getSubject();
            Object claim = token.getClaim("org");
            org = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
        }
        if (subject == null || subject.isBlank()) {
            subject = identity.getPrincipal().getName();
        }
        boolean orgMissing = roles.contains(Roles.REVIEWER) && (org == null || org.isBlank());
        if (roles.isEmpty()
                || orgMissing
                || Validation.filter(subject) != null
                || (org != null && Validation.filter(org) != null)) {
            return Optional.empty();
        }
        return Optional.of(new ConsoleSession(
                subject,
                org == null ? "" : org,
                roles,
                SessionCodec.randomToken(),
                Instant.now().plus(config.sessionTtl())));
    }

    /**
     * No provider session: the authorisation-code flow's challenge (a redirect to the identity provider), not the
     * API's 401 problem (this mapper applies to this class only).
     */
    @ServerExceptionMapper(UnauthorizedException.class)
    public Uni<Response> challenge(RoutingContext context) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (!config.oidcSignIn() || authenticator == null) {
            return Uni.createFrom().item(Response.status(404).build());
        }
        return authenticator.getChallenge(context).map(challenge -> {
            Response.ResponseBuilder response = Response.status(challenge.status);
            challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }
}
