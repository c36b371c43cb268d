package org.qorgau.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session key: required with the provider sign-in (the start fails, saying what to set), checked when given. */
class SessionCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private static ConsoleConfig config(boolean oidcSignIn, String key) {
        return new ConsoleConfig() {
            @Override
            public boolean devSignIn() {
                return false;
            }

            @Override
            public boolean oidcSignIn() {
                return oidcSignIn;
            }

            @Override
            public Duration sessionTtl() {
                return Duration.ofHours(8);
            }

            @Override
            public Optional<String> sessionKey() {
                return Optional.ofNullable(key);
            }
        };
    }

    private static String key(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    @Test
    void shouldRefuseTheProviderSignInWithoutASessionKey() {
        for (String missing : new String[] {null, "", "  "}) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> new SessionCodec(config(true, missing), JSON));
            assertTrue(e.getMessage().contains("QORGAU_CONSOLE_SESSION_KEY"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> new SessionCodec(config(true, key(16)), JSON));
        assertThrows(IllegalStateException.class, () -> new SessionCodec(config(true, "not base64!"), JSON));
    }

    @Test
    void shouldShareSessionsBetweenReplicasWithTheSameKeyOnly() {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        SessionCodec one = new SessionCodec(config(true, key), JSON);
        SessionCodec other = new SessionCodec(config(true, key), JSON);
        ConsoleSession session = new ConsoleSession(
                "lead@school-1",
                "school-1",
                Set.of("reviewer"),
                "csrf",
                Instant.now().plusSeconds(60));
        assertEquals(Optional.of(session), other.decode(one.encode(session)));
        // without the provider sign-in a missing key is allowed: each process draws its own
        SessionCodec drawn = new SessionCodec(config(false, null), JSON);
        assertEquals(Optional.empty(), drawn.decode(one.encode(session)));
    }
}
