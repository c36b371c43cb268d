package org.qorgau.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.qorgau.config.TokenCacheConfig;

/**
 * Verifies each bearer token once, not on every request: wraps the token parser the bearer authentication uses
 * ({@link JWTParser#parse(String)}, called by Quarkus' JWT identity provider) and answers a token verified before
 * from the {@link TokenCache} (by the token's SHA-256, until its {@code exp} or {@code qorgau.token-cache.ttl}). The
 * claims checks that follow ({@link ClaimsGuard}, roles) still run on every request; only the signature, issuer,
 * audience and time checks of a token seen before are skipped, and only while it has not expired. A verified token's
 * own claims are read once ({@link VerifiedToken}).
 *
 * <p>The verification keys: when {@code mp.jwt.verify.publickey.location} is a local file, it is looked at again at
 * most every {@code qorgau.token-cache.key-check-interval}; a changed file (a rotated or revoked key) drops every
 * cached token and verification continues with the file's new keys. Keys from a JWKS URL are refreshed by the parser
 * itself; cached tokens of a key removed there stop within {@code qorgau.token-cache.ttl}.
 *
 * <p>Every other use of the parser (explicit keys, decryption) passes through unchanged.
 */
@Decorator
@Priority(10)
public class VerifiedTokens implements JWTParser {

    private static final Logger LOG = Logger.getLogger(VerifiedTokens.class);

    private final JWTParser delegate;
    private final TokenCache cache;
    private final JWTAuthContextInfo context;
    private final Path keyFile;
    private final long checkIntervalNanos;
    private final Object keyLock = new Object();

    /** The parser verifying tokens: the decorated one until the key file changes, then one reading the new keys. */
    private volatile JWTParser verifier;

    private volatile long nextKeyCheck;
    private volatile String keyFileState;

    @Inject
    public VerifiedTokens(
            @Delegate @Any JWTParser delegate,
            JWTAuthContextInfo context,
            TokenCacheConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        this.delegate = delegate;
        this.verifier = delegate;
        this.context = context;
        // the system's clock, as the parser's own expiry check uses: never a clock tests may fix
        this.cache = new TokenCache(config.maxSize(), config.ttl().toMillis(), Clock.systemUTC());
        this.checkIntervalNanos = config.keyCheckInterval().toNanos();
        this.keyFile = keyLocation.flatMap(VerifiedTokens::localFile).orElse(null);
        this.keyFileState = keyFile == null ? null : state(keyFile);
        this.nextKeyCheck = System.nanoTime() + checkIntervalNanos;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        checkKeys();
        if (!cache.enabled() || token == null) {
            return VerifiedToken.of(verifier.parse(token));
        }
        String key = TokenCache.keyOf(token);
        JsonWebToken cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        JsonWebToken verified = VerifiedToken.of(verifier.parse(token));
        cache.put(key, verified);
        return verified;
    }

    /** Tokens currently cached (tests, diagnostics). */
    int cached() {
        return cache.size();
    }

    /** Looks at the key file when it is due; on a change drops the cache and verifies with the new keys. */
    private void checkKeys() {
        if (keyFile == null || System.nanoTime() - nextKeyCheck < 0) {
            return;
        }
        synchronized (keyLock) {
            if (System.nanoTime() - nextKeyCheck < 0) {
                return;
            }
            nextKeyCheck = System.nanoTime() + checkIntervalNanos;
            String now = state(keyFile);
            if (now.equals(keyFileState)) {
                return;
            }
            keyFileState = now;
            // a parser of its own: the decorated one keeps the keys it read first for as long as it lives
            try {
                verifier = new DefaultJWTParser(fromKeyFile(context, keyFile), new DefaultJWTCallerPrincipalFactory());
            } catch (IOException e) {
                // no readable keys: nothing verifies until the file is back (a missing key must not keep old ones)
                verifier = new DefaultJWTParser(new JWTAuthContextInfo(context), new RefusingFactory());
            }
            cache.clear();
            LOG.infof("Token verification key file %s changed: cached tokens dropped, new keys in use", keyFile);
        }
    }

    /** The verification settings with the keys read from their location again, not the ones read at start. */
    private static JWTAuthContextInfo fromKeyFile(JWTAuthContextInfo context, Path file) throws IOException {
        JWTAuthContextInfo fresh = new JWTAuthContextInfo(context);
        fresh.setPublicVerificationKey(null);
        fresh.setPublicKeyLocation(null);
        fresh.setPublicKeyContent(Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII));
        return fresh;
    }

    /** Verifies nothing: while the key file cannot be read. */
    private static final class RefusingFactory extends io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory {
        @Override
        public io.smallrye.jwt.auth.principal.JWTCallerPrincipal parse(String token, JWTAuthContextInfo context)
                throws ParseException {
            throw new ParseException("the token verification key file cannot be read");
        }
    }

    private static String state(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().toMillis() + "/" + attributes.size() + "/" + attributes.fileKey();
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static Optional<Path> localFile(String location) {
        String path = location.strip();
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (path.contains(":") && !path.matches("^[A-Za-z]:[\\\\/].*")) {
            return Optional.empty(); // classpath:, http(s):, or an inline key
        }
        try {
            return Optional.of(Path.of(path).toAbsolutePath());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    // ---- everything else passes through

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
