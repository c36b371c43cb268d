package org.qorgau.console;

import java.time.Instant;
import java.util.Set;
import org.qorgau.security.Caller;

/**
 * A signed-in console user: the same subject, organisation and roles a bearer token carries, plus the session's
 * CSRF token that every form must echo.
 */
public record ConsoleSession(String subject, String org, Set<String> roles, String csrf, Instant expires) {

    public ConsoleSession {
        roles = Set.copyOf(roles);
    }

    public Caller caller() {
        return new Caller(subject, org, roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
