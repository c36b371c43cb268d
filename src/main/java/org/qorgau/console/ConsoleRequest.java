package org.qorgau.console;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a console page needs to know about its request: the signed-in session (if any), the language, the CSRF token
 * its forms carry, and how its cookies must be set.
 */
final class ConsoleRequest {

    static final String SESSION_COOKIE = "qorgau_session";
    static final String CSRF_COOKIE = "qorgau_csrf";
    static final String LANGUAGE_COOKIE = "qorgau_lang";
    static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    final Optional<ConsoleSession> session;
    final String lang;
    final String csrf;
    final boolean secure;
    final String path;
    private final List<NewCookie> cookies = new ArrayList<>();

    ConsoleRequest(HttpHeaders headers, UriInfo uri, SessionCodec codec) {
        Cookie sessionCookie = headers.getCookies().get(SESSION_COOKIE);
        this.session = codec.decode(sessionCookie == null ? null : sessionCookie.getValue());
        this.lang = language(headers);
        String host = uri.getRequestUri().getHost();
        // Secure everywhere except plain-HTTP localhost, where a browser would otherwise never send the cookie back
        boolean localhost =
                "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host);
        this.secure = "https".equals(uri.getRequestUri().getScheme()) || !localhost;
        this.path = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null
                        ? ""
                        : "?" + uri.getRequestUri().getRawQuery());
        if (session.isPresent()) {
            this.csrf = session.get().csrf();
        } else {
            // before sign-in the forms are protected by a random token held in its own cookie (double submit)
            Cookie csrfCookie = headers.getCookies().get(CSRF_COOKIE);
            if (csrfCookie != null && csrfCookie.getValue().length() >= 32) {
                this.csrf = csrfCookie.getValue();
            } else {
                this.csrf = SessionCodec.randomToken();
                cookies.add(cookie(CSRF_COOKIE, csrf, -1));
            }
        }
    }

    Locale locale() {
        return Locale.forLanguageTag(lang);
    }

    /** True when the form's token is this request's token (compared in constant time). */
    boolean csrfMatches(String formToken) {
        return formToken != null
                && MessageDigest.isEqual(
                        formToken.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8));
    }

    /** A console cookie: HttpOnly, SameSite=Strict, Path=/console, Secure except on plain localhost. */
    NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/console")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }

    void addCookie(NewCookie cookie) {
        cookies.add(cookie);
    }

    NewCookie[] cookies() {
        return cookies.toArray(NewCookie[]::new);
    }

    /** The language cookie if it names a console language, else the best of Accept-Language, else English. */
    private static String language(HttpHeaders headers) {
        Cookie chosen = headers.getCookies().get(LANGUAGE_COOKIE);
        if (chosen != null && LANGUAGES.contains(chosen.getValue())) {
            return chosen.getValue();
        }
        for (Locale accepted : headers.getAcceptableLanguages()) {
            String language = accepted.getLanguage().toLowerCase(Locale.ROOT);
            if (LANGUAGES.contains(language)) {
                return language;
            }
        }
        return "en";
    }
}
