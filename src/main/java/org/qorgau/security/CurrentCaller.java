package org.qorgau.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.qorgau.error.ForbiddenException;

/** Resolves the {@link Caller} of the current request from its verified token. */
@RequestScoped
public class CurrentCaller {

    private static final Set<String> KNOWN_ROLES = Set.of(
            Roles.SCREENER,
            Roles.REVIEWER,
            Roles.AUDITOR,
            Roles.REGISTRY_ADMIN,
            Roles.DATA_PROTECTION_OFFICER,
            Roles.ORG_ADMIN);

    private final SecurityIdentity identity;

    @Inject
    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller; anonymous when there is no verified token. */
    public Caller get() {
        if (identity.isAnonymous()) {
            return Caller.anonymous();
        }
        Set<String> roles = new HashSet<>();
        for (String role : identity.getRoles()) {
            if (KNOWN_ROLES.contains(role)) {
                roles.add(role);
            }
        }
        // the verified token is the identity's principal; an injected JsonWebToken would be quarkus-oidc's (present
        // for the console's sign-in), which knows nothing of the API's smallrye-jwt tokens
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return new Caller(identity.getPrincipal().getName(), null, roles);
        }
        String subject = token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
        return new Caller(subject, text(token.getClaim("org")), roles);
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return claim instanceof String s ? s : null;
    }

    /**
     * The caller, who must belong to an organisation: screeners and reviewers act for one, and a token without
     * {@code org} is refused rather than allowed to see every organisation's checks.
     */
    public Caller requireOrg() {
        Caller caller = get();
        if (caller.org() == null || caller.org().isBlank()) {
            throw new ForbiddenException("The token names no organisation (claim 'org').");
        }
        return caller;
    }
}
