package org.qorgau.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.qorgau.support.Api.as;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Api;
import org.qorgau.support.EmbeddedPostgresResource;
import org.qorgau.support.TestTokens;

/**
 * Verified tokens are cached by their hash ({@link VerifiedTokens}, {@link TokenCache}), and the cache never makes a
 * token valid that verification would refuse: not past its {@code exp}, and not once the verification key changed.
 */
@QuarkusTest
class TokenCacheTest {

    /** The cache's own rules, on a clock the test moves: expiry at min(exp, ttl), size bound, keys by hash. */
    @Test
    void entriesExpireAtTheTokensExpOrTheTimeToLiveAndTheCacheIsBounded() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        TokenCache cache = new TokenCache(2, 60_000, clock);
        JsonWebToken shortLived = token(now.get() / 1000 + 10); // exp in 10 s, before the 60 s time to live
        JsonWebToken longLived = token(now.get() / 1000 + 3600);
        cache.put("a", shortLived);
        cache.put("b", longLived);
        assertSame(shortLived, cache.get("a"));
        now.addAndGet(10_000); // at exp: expired, even though the time to live has not passed
        assertNull(cache.get("a"), "a token is never answered from the cache at or past its exp");
        assertSame(longLived, cache.get("b"));
        now.addAndGet(50_000); // 60 s after it was cached: the time to live bounds a long-lived token
        assertNull(cache.get("b"), "the time to live bounds how long a token is trusted without verifying it");

        cache.put("c", longLived);
        cache.put("d", longLived);
        cache.get("c");
        cache.put("e", longLived); // over the bound of 2: the least recently used (d) goes
        assertEquals(2, cache.size());
        assertNull(cache.get("d"));
        assertSame(longLived, cache.get("c"));

        assertEquals(44, TokenCache.keyOf("x.y.z").length(), "the key is a SHA-256, not the token");
    }

    /** A token cached while valid is refused once it has expired (its exp and the verifier's clock skew passed). */
    @Test
    void anExpiredTokenIsRefusedEvenThoughItWasCached() throws Exception {
        String org = Api.uniqueId("org");
        String token = Jwt.issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE)
                .subject("short-lived@" + org)
                .claim("org", org)
                .groups(Set.of(Roles.SCREENER))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(2))
                .sign();
        as(token).get("/v1/checks").then().statusCode(200);
        as(token).get("/v1/checks").then().statusCode(200); // answered from the cache
        // the verifier accepts a token up to its clock skew (60 s by default) past exp; the cache must not go further
        long exp = Instant.now().plusSeconds(2 + 61).getEpochSecond();
        while (Instant.now().getEpochSecond() < exp) {
            Thread.sleep(200);
        }
        as(token).get("/v1/checks").then().statusCode(401);
    }

    /**
     * The verification key is rotated (the key file replaced, the old key revoked): a token signed with the old key
     * and cached before is refused from then on, and tokens of the new key are accepted.
     */
    @Test
    void aRotatedVerificationKeyStopsTokensCachedUnderTheOldOne() throws Exception {
        Path publicKey = EmbeddedPostgresResource.dataDir().resolve("keys").resolve("public.pem");
        String original = Files.readString(publicKey, StandardCharsets.US_ASCII);
        String org = Api.uniqueId("org");
        String oldKeyToken = TestTokens.screener(org);
        as(oldKeyToken).get("/v1/checks").then().statusCode(200);
        as(oldKeyToken).get("/v1/checks").then().statusCode(200); // cached

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair next = generator.generateKeyPair();
        String newKeyToken = TestTokens.issuerClaims("rotated@" + org, org)
                .groups(Set.of(Roles.SCREENER))
                .sign(next.getPrivate());
        as(newKeyToken).get("/v1/checks").then().statusCode(401); // not yet trusted
        try {
            replace(publicKey, pem(next.getPublic().getEncoded()));
            Thread.sleep(1300); // the key file is looked at again at most every second
            as(oldKeyToken).get("/v1/checks").then().statusCode(401);
            as(newKeyToken).get("/v1/checks").then().statusCode(200);
        } finally {
            replace(publicKey, original);
            Thread.sleep(1300);
        }
        as(oldKeyToken).get("/v1/checks").then().statusCode(200);
        as(newKeyToken).get("/v1/checks").then().statusCode(401);
    }

    private static void replace(Path file, String content) throws Exception {
        Path tmp = Files.createTempFile(file.getParent(), "public", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static JsonWebToken token(long exp) {
        return new io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal(claims(exp));
    }

    private static org.jose4j.jwt.JwtClaims claims(long exp) {
        org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.JwtClaims();
        claims.setSubject("s");
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(exp));
        return claims;
    }
}
