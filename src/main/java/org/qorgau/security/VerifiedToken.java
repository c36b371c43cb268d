package org.qorgau.security;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token whose own claims (those the JWT specification does not name, such as {@code org}) are read once,
 * when it is verified, instead of on every request.
 *
 * <p>smallrye-jwt looks a claim's name up among the standard names by {@code Claims.valueOf}, which throws for any
 * other name; so each read of {@code org} built an exception with its stack trace (about 5 µs), twice per request
 * ({@link ClaimsGuard}, {@link CurrentCaller}). Standard claims are still read from the token itself.
 */
final class VerifiedToken implements JsonWebToken {

    private static final Set<String> STANDARD =
            Arrays.stream(Claims.values()).map(Claims::name).collect(Collectors.toUnmodifiableSet());

    private final JsonWebToken token;
    private final Map<String, Object> own;

    private VerifiedToken(JsonWebToken token) {
        this.token = token;
        Map<String, Object> claims = new HashMap<>();
        for (String name : token.getClaimNames()) {
            if (!STANDARD.contains(name)) {
                Object value = token.getClaim(name);
                if (value != null) {
                    claims.put(name, value);
                }
            }
        }
        this.own = Map.copyOf(claims);
    }

    /** {@code token} with its own claims read once; null stays null. */
    static JsonWebToken of(JsonWebToken token) {
        return token == null || token instanceof VerifiedToken ? token : new VerifiedToken(token);
    }

    @Override
    public String getName() {
        return token.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return STANDARD.contains(name) ? token.getClaim(name) : (T) own.get(name);
    }

    @Override
    public Set<String> getAudience() {
        return token.getAudience();
    }

    @Override
    public Set<String> getGroups() {
        return token.getGroups();
    }

    @Override
    public boolean implies(Subject subject) {
        return token.implies(subject);
    }

    @Override
    public String toString() {
        return token.toString();
    }
}
