package org.qorgau.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.qorgau.config.CandidateKeyConfig;
import org.qorgau.config.QorgauConfig;

/**
 * Keyed hashes of candidate identities: where the service only needs to know that two checks are about the same
 * person (idempotency, an organisation's earlier reviews, dispute resolutions) it stores HMAC-SHA256 under a server
 * key, never the name and date of birth, and never a plain hash of them (which anyone holding the table could reverse
 * by hashing guessed names and birthdays).
 *
 * <p>Every stored hash carries the id of the key that made it: {@code <keyId>:<64 hex>}. Rotation: set a new
 * {@code qorgau.candidate-key.secret} with a new {@code qorgau.candidate-key.id} and move the old secret to
 * {@code qorgau.candidate-key.previous.<oldId>}. New hashes use the new key at once; look-ups of stored dispute
 * resolutions try every configured key ({@link #all}); check records and reviews still within retention are re-keyed
 * in the background from the audit's personal fields (the only place the plain identity is kept, for as long as
 * retention allows), after which the previous secret can be dropped.
 *
 * <p>Development default (no secret configured): a random 256-bit key generated once into
 * {@code $QORGAU_DATA_DIR/keys/candidate-key} (owner-only), id {@code dev}, like the development signing keys.
 */
@ApplicationScoped
public class CandidateKeys {

    private static final Logger LOG = Logger.getLogger(CandidateKeys.class);
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    static final String DEVELOPMENT_ID = "dev";
    static final String KEY_FILE = "candidate-key";

    /** The current key first, then the previous ones: id to secret. */
    private final Map<String, byte[]> keys;

    private final String currentId;
    private final boolean development;
    private final Map<String, Mac> initialised = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public CandidateKeys(QorgauConfig config) {
        CandidateKeyConfig settings = config.candidateKey();
        Map<String, byte[]> ring = new LinkedHashMap<>();
        if (settings.secret().isPresent() && !settings.secret().get().isBlank()) {
            currentId = checkedId(settings.id());
            ring.put(currentId, decode(settings.secret().get(), "qorgau.candidate-key.secret"));
            development = false;
        } else {
            currentId = DEVELOPMENT_ID;
            ring.put(
                    currentId,
                    developmentKey(Path.of(config.dataDir()).toAbsolutePath().resolve("keys")));
            development = true;
        }
        settings.previous().forEach((id, secret) -> {
            String checked = checkedId(id);
            if (!ring.containsKey(checked)) {
                ring.put(checked, decode(secret, "qorgau.candidate-key.previous." + id));
            }
        });
        this.keys = ring;
    }

    /** A key ring of explicit secrets (tests and tools): the first entry is current. */
    public CandidateKeys(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key");
        }
        this.keys = new LinkedHashMap<>(keys);
        this.currentId = keys.keySet().iterator().next();
        this.development = false;
    }

    /** Id of the key new hashes are made with. */
    public String currentId() {
        return currentId;
    }

    /** Whether the key is the generated development key (no {@code qorgau.candidate-key.secret}). */
    public boolean development() {
        return development;
    }

    /** The key id a stored hash was made with, or {@code null} for a hash from before keyed hashing. */
    public static String keyIdOf(String stored) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        return colon < 0 ? null : stored.substring(0, colon);
    }

    /**
     * The candidate key of a check: the name's tokens after NFKC, lower case, sorted (so order and case do not
     * matter), and the date of birth as given, under the current key. The same person written the same way always
     * gives the same key; a transliteration does not (that is {@link #identity}'s job, which is only for
     * resolutions).
     */
    public String candidate(String fullName, String dateOfBirth) {
        return keyed(currentId, candidateText(fullName, dateOfBirth));
    }

    /** {@link #candidate} under every configured key, current first. */
    public List<String> allCandidate(String fullName, String dateOfBirth) {
        return all(candidateText(fullName, dateOfBirth));
    }

    /** A keyed hash of an already canonical identity text (see the dispute capability) under the current key. */
    public String identity(String canonicalText) {
        return keyed(currentId, "identity|" + canonicalText);
    }

    /** {@link #identity} under every configured key, current first: what a look-up during rotation accepts. */
    public List<String> allIdentity(String canonicalText) {
        return all("identity|" + canonicalText);
    }

    static String candidateText(String fullName, String dateOfBirth) {
        String normal = Normalizer.normalize(fullName, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .strip();
        String[] tokens = normal.split("[\\s,]+");
        Arrays.sort(tokens);
        return String.join(" ", tokens) + "|" + dateOfBirth;
    }

    private List<String> all(String text) {
        List<String> result = new ArrayList<>(keys.size());
        for (String id : keys.keySet()) {
            result.add(keyed(id, text));
        }
        return result;
    }

    private String keyed(String id, String text) {
        return id + ":" + HexFormat.of().formatHex(mac(id).doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A fresh HMAC under key {@code id}: a copy of one initialised once per key, since looking up the provider and
     * initialising the key cost more than hashing a name (a check hashes at least once).
     */
    private Mac mac(String id) {
        try {
            Mac prototype = initialised.computeIfAbsent(id, this::newMac);
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(id);
        }
    }

    private Mac newMac(String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.get(id), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checkedId(String id) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException("qorgau.candidate-key.id must be 1-20 letters, digits, '-' or '_'");
        }
        return id;
    }

    private static byte[] decode(String base64, String name) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64");
        }
        if (secret.length < 32) {
            throw new IllegalStateException(name + " must be at least 32 bytes (256 bits)");
        }
        return secret;
    }

    /** The development key, created on first use (whichever replica sharing the data directory comes first). */
    static synchronized byte[] developmentKey(Path keyDirectory) {
        Path file = keyDirectory.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(keyDirectory);
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                Path tmp = Files.createTempFile(keyDirectory, KEY_FILE, ".tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's own permissions apply
                }
                try {
                    // a link never replaces: when another process created the key first, theirs stays and is used
                    Files.createLink(file, tmp);
                    LOG.infof("Created the development candidate-hash key in %s", keyDirectory);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // created meanwhile by another process
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the candidate-hash key in " + keyDirectory, e);
        }
    }
}
