package org.qorgau.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.qorgau.config.QorgauConfig;
import org.qorgau.config.WebhookConfig;

/**
 * Webhook signing secrets encrypted at rest: AES-256-GCM under a server key, so a copy of the database alone cannot
 * forge deliveries. They cannot be hashed: every delivery is signed with them.
 *
 * <p>Stored form: {@code v1:<keyId>:<base64 of 12-byte nonce, ciphertext and 16-byte tag>}; the endpoint id is the
 * associated data, so a sealed secret copied to another endpoint's row does not open. A value still in plain text
 * ({@code whsec_…}, written before encryption at rest) opens as itself until {@link WebhookService#sealPlainSecrets}
 * seals it at start-up.
 *
 * <p>Rotation: set a new {@code qorgau.webhook.secret-key} with a new {@code qorgau.webhook.secret-key-id} and move the
 * old key to {@code qorgau.webhook.previous-secret-keys.<oldId>}; stored secrets are re-sealed under the new key at
 * the next start, after which the previous key can be dropped.
 *
 * <p>Development default (no key configured): a random 256-bit key generated once into
 * {@code $QORGAU_DATA_DIR/keys/webhook-secret-key} (owner-only), id {@code dev}, like the candidate-hash key.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    private static final String FORMAT = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final String DEVELOPMENT_ID = "dev";
    static final String KEY_FILE = "webhook-secret-key";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> keys; // current first
    private final String currentId;
    private final boolean development;

    @Inject
    public WebhookSecrets(WebhookConfig config, QorgauConfig qorgau) {
        Map<String, byte[]> ring = new LinkedHashMap<>();
        if (config.secretKey().filter(k -> !k.isBlank()).isPresent()) {
            currentId = checkedId(config.secretKeyId());
            ring.put(currentId, decode(config.secretKey().get(), "qorgau.webhook.secret-key"));
            development = false;
        } else {
            currentId = DEVELOPMENT_ID;
            ring.put(
                    currentId,
                    developmentKey(Path.of(qorgau.dataDir()).toAbsolutePath().resolve("keys")));
            development = true;
        }
        config.previousSecretKeys().forEach((id, key) -> {
            String checked = checkedId(id);
            if (!ring.containsKey(checked)) {
                ring.put(checked, decode(key, "qorgau.webhook.previous-secret-keys." + id));
            }
        });
        this.keys = ring;
    }

    /** A key ring of explicit keys (tests): the first entry is current. */
    WebhookSecrets(Map<String, byte[]> keys) {
        this.keys = new LinkedHashMap<>(keys);
        this.currentId = keys.keySet().iterator().next();
        this.development = false;
    }

    /** Whether the key is the generated development key (no {@code qorgau.webhook.secret-key}). */
    public boolean development() {
        return development;
    }

    /** The stored form of {@code secret} for endpoint {@code endpointId}, under the current key. */
    String seal(String secret, String endpointId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(keys.get(currentId), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return FORMAT + ":" + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("webhook secret could not be encrypted", e);
        }
    }

    /**
     * The secret of a stored value; a plain-text value (from before encryption at rest) as it is.
     *
     * @throws IllegalStateException the value was sealed under a key that is not configured, or does not open
     */
    String open(String stored, String endpointId) {
        if (stored == null || !stored.startsWith(FORMAT + ":")) {
            return stored;
        }
        String[] parts = stored.split(":", 3);
        byte[] key = parts.length == 3 ? keys.get(parts[1]) : null;
        if (key == null) {
            // clear, and without the secret: an operator must configure the key the secret was sealed under
            throw new IllegalStateException("The webhook secret of endpoint " + endpointId + " is encrypted under key '"
                    + (parts.length == 3 ? parts[1] : "?") + "', which is not configured (qorgau.webhook.secret-key"
                    + " or qorgau.webhook.previous-secret-keys.<id>)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The webhook secret of endpoint " + endpointId + " does not decrypt under"
                    + " key '" + parts[1] + "': the key differs from the one it was encrypted with");
        }
    }

    /** Whether a stored value must be (re-)sealed: plain text, or sealed under a key other than the current one. */
    boolean needsSealing(String stored) {
        return stored != null && !stored.startsWith(FORMAT + ":" + currentId + ":");
    }

    private static String checkedId(String id) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException("qorgau.webhook.secret-key-id must be 1-20 letters, digits, '-' or '_'");
        }
        return id;
    }

    private static byte[] decode(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (an AES-256 key), base64");
        }
        return key;
    }

    /** The development key, created on first use (whichever replica sharing the data directory comes first). */
    static synchronized byte[] developmentKey(Path keyDirectory) {
        Path file = keyDirectory.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(keyDirectory);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = Files.createTempFile(keyDirectory, KEY_FILE, ".tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's own permissions apply
                }
                try {
                    // a link never replaces: when another process created the key first, theirs stays and is used
                    Files.createLink(file, tmp);
                    LOG.infof("Created the development webhook-secret key in %s", keyDirectory);
                } catch (FileAlreadyExistsException raced) {
                    // created meanwhile by another process
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the webhook-secret key in " + keyDirectory, e);
        }
    }
}
