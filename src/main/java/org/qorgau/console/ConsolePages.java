package org.qorgau.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.QorgauException;
import org.qorgau.security.Caller;
import org.qorgau.security.Roles;

/**
 * What every console page shares: the request's session and language, the role a page needs ({@link #require}), the
 * CSRF check of every form, and the frame (headers, language switch, signed-in user) every page is rendered in.
 */
@Singleton
public class ConsolePages {

    static final int PAGE_SIZE = 25;
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("kk", "Қазақша", "ru", "Русский", "en", "English");

    private final SessionCodec sessions;
    private final ConsoleTemplates templates;
    private final ZoneId zone;
    private final HttpHeaders headers;
    private final UriInfo uri;

    /** {@code headers} and {@code uri} are the current request's (request-scoped beans of Quarkus REST). */
    public ConsolePages(
            SessionCodec sessions, ConsoleTemplates templates, QorgauConfig qorgau, HttpHeaders headers, UriInfo uri) {
        this.sessions = sessions;
        this.templates = templates;
        this.zone = qorgau.usage().zone();
        this.headers = headers;
        this.uri = uri;
    }

    /** The current request, as a console page sees it. */
    ConsoleRequest request() {
        return new ConsoleRequest(headers, uri, sessions);
    }

    /** The zone the console shows dates in, and reads the days of its date filters in. */
    ZoneId zone() {
        return zone;
    }

    /** The signed-in caller with one of {@code roles}: otherwise to the sign-in (none) or a 403 page (another role). */
    Caller require(ConsoleRequest request, String... roles) {
        if (request.session.isEmpty()) {
            throw new PageResponse(Response.seeOther(URI.create("/console/")).build());
        }
        ConsoleSession session = request.session.get();
        if (Arrays.stream(roles).noneMatch(session::has)) {
            Msg msg = msg(request);
            throw new PageResponse(message(request, 403, msg.forbiddenTitle(), msg.forbiddenText()));
        }
        return session.caller();
    }

    void checkCsrf(ConsoleRequest request, String token) {
        if (!request.csrfMatches(token)) {
            Msg msg = msg(request);
            throw new PageResponse(message(request, 403, msg.forbiddenTitle(), msg.csrfFailed()));
        }
    }

    /** Service errors on console pages answer as pages, not problem+json, with the same status. */
    Response problem(ConsoleRequest request, QorgauException e) {
        Msg msg = msg(request);
        String title = e.status() == 404 ? msg.notFoundTitle() : e.title();
        String text = e.status() == 404 ? msg.notFoundText() : detail(e);
        return message(request, e.status(), title, text);
    }

    static Msg msg(ConsoleRequest request) {
        return msg(Msg.class, request);
    }

    /** The words of one group of pages ({@link ReviewMsg}, {@link AuditMsg}, {@link RegistryMsg}) in the request's language. */
    static <T> T msg(Class<T> bundle, ConsoleRequest request) {
        return MessageBundles.get(bundle, Localized.Literal.of(request.lang));
    }

    Response message(ConsoleRequest request, int status, String title, String text) {
        return render(request, status, templates.message.data("text", text), title);
    }

    Response render(ConsoleRequest request, int status, TemplateInstance instance, String title) {
        Msg msg = msg(request);
        ConsoleSession session = request.session.orElse(null);
        List<Views.Language> languages = ConsoleRequest.LANGUAGES.stream()
                .map(code -> new Views.Language(code, LANGUAGE_NAMES.get(code), code.equals(request.lang)))
                .toList();
        Views.Page page = new Views.Page(
                request.lang,
                title + " — " + msg.appName(),
                request.csrf,
                session == null ? null : session.subject(),
                session == null ? null : session.org(),
                session != null,
                session != null && session.has(Roles.REVIEWER),
                session != null && session.has(Roles.AUDITOR),
                session != null && session.has(Roles.REGISTRY_ADMIN),
                request.path,
                languages);
        String html = instance.data("p", page)
                .data("heading", title)
                .setLocale(request.locale())
                .render();
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html)
                .cookie(request.cookies())
                // the console is never framed, never cached, and loads nothing from elsewhere
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Content-Security-Policy",
                        "default-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none';"
                                + " form-action 'self'; base-uri 'none'")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    String dateTime(Instant instant, ConsoleRequest request) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(request.locale())
                        .withZone(zone)
                        .format(instant);
    }

    String date(Instant instant, ConsoleRequest request) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(request.locale())
                .withZone(zone)
                .format(instant);
    }

    static String verdict(Msg msg, String code) {
        return switch (code == null ? "" : code) {
            case "MATCH" -> msg.verdictMatch();
            case "POSSIBLE_MATCH" -> msg.verdictPossibleMatch();
            case "NO_MATCH" -> msg.verdictNoMatch();
            default -> code;
        };
    }

    static String detail(QorgauException e) {
        StringBuilder text = new StringBuilder(e.detail() == null ? e.title() : e.detail());
        for (var error : e.errors()) {
            text.append(' ').append(error.message()).append('.');
        }
        return text.toString();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
