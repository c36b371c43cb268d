package org.qorgau.console;

import static org.qorgau.console.ConsolePages.msg;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.qorgau.common.Validation;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.security.Roles;

/**
 * The web console: server-rendered pages for reviewers, auditors and the registry's administrators over the same
 * services as the API. This class holds the way in and out (home, sign-in, sign-out, language); the pages of each
 * role are {@link ConsoleReviewResource}, {@link ConsoleAuditResource} and {@link ConsoleRegistryResource}, all
 * rendered through {@link ConsolePages}. Not authorised by a bearer token but by the console's signed session cookie:
 * every page names the role it needs ({@link ConsolePages#require}), every POST checks the form's CSRF token, and
 * services get the same {@code Caller} (subject, organisation, roles) a token would give them, so a reviewer sees only
 * their organisation exactly as in the API.
 */
@Path("/console")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private final ConsoleConfig config;
    private final SessionCodec sessions;
    private final ConsolePages pages;
    private final ConsoleTemplates templates;

    public ConsoleResource(
            ConsoleConfig config, SessionCodec sessions, ConsolePages pages, ConsoleTemplates templates) {
        this.config = config;
        this.sessions = sessions;
        this.pages = pages;
        this.templates = templates;
    }

    @GET
    @Path("/")
    public Response home() {
        ConsoleRequest request = pages.request();
        if (request.session.isEmpty()) {
            if (config.devSignIn()) {
                return Response.seeOther(URI.create("/console/sign-in")).build();
            }
            if (config.oidcSignIn()) {
                return Response.seeOther(URI.create(ConsoleOidcResource.SIGN_IN))
                        .build();
            }
            Msg msg = msg(request);
            return pages.message(request, 200, msg.signInUnavailableTitle(), msg.signInUnavailableText());
        }
        ConsoleSession session = request.session.get();
        if (session.has(Roles.REVIEWER)) {
            return Response.seeOther(URI.create("/console/reviews")).build();
        }
        if (session.has(Roles.AUDITOR)) {
            return Response.seeOther(URI.create("/console/audit/events")).build();
        }
        if (session.has(Roles.REGISTRY_ADMIN)) {
            return Response.seeOther(URI.create("/console/registry")).build();
        }
        Msg msg = msg(request);
        return pages.message(request, 200, msg.homeTitle(), msg.homeNoPages());
    }

    @GET
    @Path("/sign-in")
    public Response signInForm() {
        devSignInOnly();
        ConsoleRequest request = pages.request();
        Msg msg = msg(request);
        return pages.render(request, 200, templates.signIn.instance(), msg.signInTitle());
    }

    @POST
    @Path("/sign-in")
    public Response signIn(
            @FormParam("role") String role,
            @FormParam("org") String org,
            @FormParam("subject") String subject,
            @FormParam("csrf") String csrf) {
        devSignInOnly();
        ConsoleRequest request = pages.request();
        pages.checkCsrf(request, csrf);
        if (!Set.of(Roles.REVIEWER, Roles.AUDITOR, Roles.REGISTRY_ADMIN).contains(role)) {
            throw new ValidationException("role", "role must be reviewer, auditor or registry-admin");
        }
        for (String[] field : new String[][] {{"org", org}, {"subject", subject}}) {
            String problem = field[1] == null || field[1].isBlank() ? "is required" : Validation.filter(field[1]);
            if (problem != null) {
                throw new ValidationException(field[0], field[0] + " " + problem);
            }
        }
        ConsoleSession session = new ConsoleSession(
                subject.strip(),
                org.strip(),
                Set.of(role),
                SessionCodec.randomToken(),
                Instant.now().plus(config.sessionTtl()));
        request.addCookie(request.cookie(ConsoleRequest.SESSION_COOKIE, sessions.encode(session), (int)
                config.sessionTtl().toSeconds()));
        return Response.seeOther(URI.create("/console/"))
                .cookie(request.cookies())
                .build();
    }

    /**
     * Where the provider sign-in ({@link ConsoleOidcResource}) lands: a page that moves on to the console rather than
     * a redirect. The browser comes here on a redirect chain the provider's site started, on which a SameSite=Strict
     * cookie is not sent; the page's own navigation is same-site, so the console then sees the new session.
     */
    @GET
    @Path("/signed-in")
    public Response signedIn() {
        ConsoleRequest request = pages.request();
        Msg msg = msg(request);
        TemplateInstance page = templates
                .link
                .data("text", msg.signedInText())
                .data("href", "/console/")
                .data("link", msg.signedInContinue());
        return Response.fromResponse(pages.render(request, 200, page, msg.signedInTitle()))
                .header("Refresh", "0; url=/console/")
                .build();
    }

    /** Where the provider sign-in sends an account without a console role, or a reviewer without organisation. */
    @GET
    @Path("/not-allowed")
    public Response notAllowed() {
        ConsoleRequest request = pages.request();
        Msg msg = msg(request);
        return pages.message(request, 403, msg.forbiddenTitle(), msg.oidcNoConsoleRole());
    }

    @POST
    @Path("/sign-out")
    public Response signOut(@FormParam("csrf") String csrf) {
        ConsoleRequest request = pages.request();
        pages.checkCsrf(request, csrf);
        // to a page, not to the sign-in: with the provider sign-in, /console/ would sign the person straight back in
        return Response.seeOther(URI.create("/console/signed-out"))
                .cookie(
                        request.cookie(ConsoleRequest.SESSION_COOKIE, "", 0),
                        // the identity provider's session with the console, if any
                        request.cookie(ConsoleOidcResource.PROVIDER_SESSION_COOKIE, "", 0))
                .build();
    }

    @GET
    @Path("/signed-out")
    public Response signedOut() {
        ConsoleRequest request = pages.request();
        Msg msg = msg(request);
        return pages.render(
                request,
                200,
                templates
                        .link
                        .data("text", msg.signedOutText())
                        .data("href", "/console/")
                        .data("link", msg.signIn()),
                msg.signedOutTitle());
    }

    @POST
    @Path("/language")
    public Response language(
            @FormParam("lang") String lang, @FormParam("back") String back, @FormParam("csrf") String csrf) {
        ConsoleRequest request = pages.request();
        pages.checkCsrf(request, csrf);
        if (!ConsoleRequest.LANGUAGES.contains(lang)) {
            throw new ValidationException("lang", "lang must be kk, ru or en");
        }
        // only back into the console: never an open redirect, never a 500 for a malformed path
        URI target = URI.create("/console/");
        if (back != null && back.startsWith("/console/") && !back.startsWith("/console//")) {
            try {
                URI parsed = new URI(back);
                if (parsed.getScheme() == null && parsed.getAuthority() == null) {
                    target = parsed;
                }
            } catch (java.net.URISyntaxException e) {
                // keep the console's home
            }
        }
        return Response.seeOther(target)
                .cookie(request.cookie(ConsoleRequest.LANGUAGE_COOKIE, lang, 365 * 24 * 3600))
                .build();
    }

    private void devSignInOnly() {
        if (!config.devSignIn()) {
            // production: the page does not exist
            throw new NotFoundException("No such page.");
        }
    }
}
