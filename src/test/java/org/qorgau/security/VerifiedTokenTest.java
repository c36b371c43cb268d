package org.qorgau.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** A verified token answers every claim as the token does, and reads its own claims once. */
class VerifiedTokenTest {

    private static DefaultJWTCallerPrincipal principal() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("hr-system");
        claims.setIssuer("qorgau-dev");
        claims.setAudience("qorgau");
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", List.of("screener", "reviewer"));
        claims.setClaim("org", "profile-school");
        claims.setClaim("tier", 3);
        claims.setClaim("scope", Map.of("region", "almaty"));
        return new DefaultJWTCallerPrincipal("raw.token.text", "JWT", claims);
    }

    @Test
    void answersEveryClaimAsTheTokenDoes() {
        DefaultJWTCallerPrincipal token = principal();
        JsonWebToken verified = VerifiedToken.of(token);
        Set<String> names = new TreeSet<>(token.getClaimNames());
        assertEquals(names, new TreeSet<>(verified.getClaimNames()));
        names.add("absent");
        for (String name : names) {
            assertEquals((Object) token.getClaim(name), verified.getClaim(name), name);
        }
        assertEquals("profile-school", verified.getClaim("org").toString().replace("\"", ""));
        assertNull(verified.getClaim("absent"));
        assertEquals(token.getName(), verified.getName());
        assertEquals(token.getSubject(), verified.getSubject());
        assertEquals(token.getIssuer(), verified.getIssuer());
        assertEquals(token.getGroups(), verified.getGroups());
        assertEquals(token.getAudience(), verified.getAudience());
        assertEquals(token.getExpirationTime(), verified.getExpirationTime());
        assertEquals(token.getRawToken(), verified.getRawToken());
        assertEquals(token.getTokenID(), verified.getTokenID());
    }

    @Test
    void readsItsOwnClaimsOnceAndStandardClaimsFromTheToken() {
        Map<String, Integer> reads = new HashMap<>();
        DefaultJWTCallerPrincipal principal = principal();
        JsonWebToken counting = new JsonWebToken() {
            @Override
            public String getName() {
                return principal.getName();
            }

            @Override
            public Set<String> getClaimNames() {
                return principal.getClaimNames();
            }

            @Override
            public <T> T getClaim(String name) {
                reads.merge(name, 1, Integer::sum);
                return principal.getClaim(name);
            }
        };
        JsonWebToken verified = VerifiedToken.of(counting);
        for (int i = 0; i < 100; i++) {
            verified.getClaim("org");
            verified.getClaim("sub");
        }
        assertEquals(1, reads.get("org"));
        assertEquals(100, reads.get("sub"));
    }

    @Test
    void wrapsOnce() {
        JsonWebToken verified = VerifiedToken.of(principal());
        assertSame(verified, VerifiedToken.of(verified));
        assertNull(VerifiedToken.of(null));
    }
}
