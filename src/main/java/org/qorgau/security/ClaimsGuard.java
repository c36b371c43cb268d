package org.qorgau.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses (401) a signed token whose {@code sub}, {@code org} or roles ({@code groups}) could not be written into the
 * audit log as they are: control or format characters (NUL, line breaks, zero-width and bidi marks), lone surrogates,
 * or more than {@value #MAX_ID} characters ({@value #MAX_ROLE} per role, {@value #MAX_ROLES} roles). Every actor the
 * service records must be a plain identifier; a NUL reached PostgreSQL as a 500 after the check's quota was taken, and
 * a bidi mark could make one organisation's name display as another's in an auditor's export.
 *
 * <p>Runs once per authentication, before any resource sees the caller. The refusal is audited by the problem mapper
 * like any other 401 (as an anonymous caller, since nothing in such a token is trusted).
 */
@ApplicationScoped
public class ClaimsGuard implements SecurityIdentityAugmentor {

    /** Longest {@code sub} or {@code org} (the audit log's actor columns hold 200). */
    static final int MAX_ID = 200;

    static final int MAX_ROLE = 100;
    static final int MAX_ROLES = 32;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String problem = problem(token, identity);
        if (problem != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token claims refused: " + problem));
        }
        return Uni.createFrom().item(identity);
    }

    /** Which claim is unacceptable, or null. Never echoes a value. */
    static String problem(JsonWebToken token, SecurityIdentity identity) {
        if (!plain(token.getSubject(), MAX_ID) || !plain(identity.getPrincipal().getName(), MAX_ID)) {
            return "sub";
        }
        Object org = token.getClaim("org");
        String orgText = org instanceof JsonString json ? json.getString() : org instanceof String s ? s : null;
        if (orgText != null && !plain(orgText, MAX_ID)) {
            return "org";
        }
        if (identity.getRoles().size() > MAX_ROLES) {
            return "groups";
        }
        for (String role : identity.getRoles()) {
            if (!plain(role, MAX_ROLE)) {
                return "groups";
            }
        }
        return null;
    }

    /** Null (absent) is fine; otherwise at most {@code max} characters, none of them control, format or surrogate. */
    static boolean plain(String value, int max) {
        if (value == null) {
            return true;
        }
        if (value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            int type = Character.getType(value.charAt(i));
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE && !validPair(value, i)
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return false;
            }
            if (type == Character.SURROGATE) {
                i++; // the low half of a valid pair
            }
        }
        return true;
    }

    private static boolean validPair(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i))
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }
}
