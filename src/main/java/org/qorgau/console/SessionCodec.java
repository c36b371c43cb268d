package org.qorgau.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and reads the console's session cookie: the session as JSON, then an HMAC-SHA256 over it. The server keeps
 * no session state (any replica with the same key reads it); a cookie that was altered, signed with another key or
 * has expired reads as no session.
 *
 * <p>Created at start-up, so a missing or short key fails the start, not the first sign-in.
 */
@Startup
@ApplicationScoped
public class SessionCodec {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final ObjectMapper json;

    public SessionCodec(ConsoleConfig config, ObjectMapper json) {
        this.json = json;
        Optional<String> configured = config.sessionKey().filter(k -> !k.isBlank());
        if (configured.isEmpty() && config.oidcSignIn()) {
            // the provider sign-in is production: sessions must be readable by every replica and survive a restart
            throw new IllegalStateException("qorgau.console.oidc-sign-in is on but qorgau.console.session-key"
                    + " (QORGAU_CONSOLE_SESSION_KEY) is not set: set it to a random base64 key of at least 32 bytes,"
                    + " the same on every replica (e.g. `openssl rand -base64 32`)");
        }
        try {
            this.key =
                    configured.map(k -> Base64.getDecoder().decode(k.strip())).orElseGet(() -> randomBytes(32));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("qorgau.console.session-key must be base64");
        }
        if (key.length < 32) {
            throw new IllegalStateException("qorgau.console.session-key must be at least 32 bytes (base64)");
        }
    }

    /** A fresh unguessable token (CSRF tokens). */
    public static String randomToken() {
        return ENCODER.encodeToString(randomBytes(32));
    }

    public String encode(ConsoleSession session) {
        try {
            String payload = ENCODER.encodeToString(json.writeValueAsBytes(session));
            return payload + "." + ENCODER.encodeToString(mac(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<ConsoleSession> decode(String cookie) {
        if (cookie == null || cookie.length() > 4096) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String payload = cookie.substring(0, dot);
        try {
            byte[] given = DECODER.decode(cookie.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(payload))) {
                return Optional.empty();
            }
            ConsoleSession session = json.readValue(DECODER.decode(payload), ConsoleSession.class);
            if (session.expires() == null || session.expires().isBefore(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(session);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
