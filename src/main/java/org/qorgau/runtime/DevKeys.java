package org.qorgau.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The development signing key pair under {@code $QORGAU_DATA_DIR/keys}: {@code private.pem} (PKCS#8, owner-only) and
 * {@code public.pem} (X.509). {@code scripts/dev-token} creates the same files the same way; whichever runs first
 * creates them. Never used when production verification is configured.
 */
public final class DevKeys {

    private static final Logger LOG = Logger.getLogger(DevKeys.class);

    private DevKeys() {}

    public static boolean productionKeyConfigured() {
        String property = System.getProperty("mp.jwt.verify.publickey.location");
        String env = System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        return (property != null && !property.isBlank()) || (env != null && !env.isBlank());
    }

    /** Creates the key pair if it is missing; returns the public key file. */
    public static synchronized Path ensure(Path keyDirectory) {
        Path privateKey = keyDirectory.resolve("private.pem");
        Path publicKey = keyDirectory.resolve("public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return publicKey;
        }
        try {
            Files.createDirectories(keyDirectory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path tmpPrivate = keyDirectory.resolve("private.pem.tmp");
            Files.writeString(
                    tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(tmpPrivate, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own permissions apply
            }
            Path tmpPublic = keyDirectory.resolve("public.pem.tmp");
            Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            Files.move(tmpPrivate, privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPublic, publicKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Created development signing keys in %s", keyDirectory);
            return publicKey;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create development keys in " + keyDirectory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
