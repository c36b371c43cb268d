package org.qorgau.security;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling: the token's subject, organisation and roles. Passed explicitly into services so that every
 * decision and every audit event names its actor.
 *
 * @param subject the {@code sub} claim
 * @param org the {@code org} claim (null when absent)
 * @param roles the recognised roles of the {@code groups} claim
 */
public record Caller(String subject, String org, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Roles as one sorted, comma-separated string (stable for hashing and export). */
    public String rolesText() {
        return String.join(",", new TreeSet<>(roles));
    }

    public static Caller anonymous() {
        return new Caller("anonymous", null, Set.of());
    }
}
