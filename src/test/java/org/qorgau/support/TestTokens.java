package org.qorgau.support;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Mints tokens for tests: good ones with the test key, and every kind of bad one. */
public final class TestTokens {

    public static final String ISSUER = "qorgau-dev";
    public static final String AUDIENCE = "qorgau";

    private TestTokens() {}

    public static String token(String role, String org) {
        return token(role, org, role + "-user@" + org);
    }

    public static String token(String role, String org, String subject) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(Set.of(role))
                .claim("org", org)
                .expiresIn(600)
                .sign();
    }

    /** A builder with the trusted issuer, audience, subject and a 10-minute lifetime; {@code org} only when non-null. */
    public static io.smallrye.jwt.build.JwtClaimsBuilder issuerClaims(String subject, String org) {
        io.smallrye.jwt.build.JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .upn(subject)
                .expiresIn(600);
        if (org != null) {
            builder.claim("org", org);
        }
        return builder;
    }

    public static String screener(String org) {
        return token("screener", org);
    }

    public static String reviewer(String org) {
        return token("reviewer", org);
    }

    public static String auditor() {
        return token("auditor", "oversight");
    }

    public static String admin() {
        return token("registry-admin", "kz-gpo");
    }

    public static String expired(String role) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("late")
                .groups(Set.of(role))
                .claim("org", "acme")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign();
    }

    public static String notYetValid(String role) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("early")
                .groups(Set.of(role))
                .claim("org", "acme")
                .claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(7200))
                .sign();
    }

    public static String wrongIssuer(String role) {
        return Jwt.issuer("https://evil.example")
                .audience(AUDIENCE)
                .subject("mallory")
                .groups(Set.of(role))
                .claim("org", "acme")
                .expiresIn(600)
                .sign();
    }

    public static String wrongAudience(String role) {
        return Jwt.issuer(ISSUER)
                .audience("another-service")
                .subject("mallory")
                .groups(Set.of(role))
                .claim("org", "acme")
                .expiresIn(600)
                .sign();
    }

    /** Signed with a key the service has never seen. */
    public static String badSignature(String role) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey stranger = generator.generateKeyPair().getPrivate();
            return Jwt.issuer(ISSUER)
                    .audience(AUDIENCE)
                    .subject("mallory")
                    .groups(Set.of(role))
                    .claim("org", "acme")
                    .expiresIn(600)
                    .sign(stranger);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) carrying the role. */
    public static String algNone(String role) {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"mallory\","
                + "\"org\":\"acme\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
        return header + "." + payload + ".";
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
