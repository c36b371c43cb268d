package org.qorgau.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.qorgau.audit.api.CheckpointList;
import org.qorgau.audit.api.CheckpointView;
import org.qorgau.common.BackgroundWork;
import org.qorgau.common.CanonicalJson;
import org.qorgau.config.QorgauConfig;

/**
 * Signed heads of the audit chain. The service signs the head periodically and on an auditor's request with its own
 * Ed25519 key ({@code $QORGAU_DATA_DIR/keys/audit-signing-private.pem}, created on first use, owner-only; never
 * committed). An auditor who copies checkpoints out of the database can later prove truncation or rewriting: the
 * chain must still pass through every signed (sequence, hash).
 */
@ApplicationScoped
public class Checkpoints {

    public static final String ALGORITHM = "Ed25519";
    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final AgroalDataSource dataSource;
    private final Path keyDirectory;
    private final BackgroundWork work;
    private volatile KeyPair keys;

    public Checkpoints(AgroalDataSource dataSource, QorgauConfig config, BackgroundWork work) {
        this.dataSource = dataSource;
        this.work = work;
        this.keyDirectory = Path.of(config.dataDir()).toAbsolutePath().resolve("keys");
    }

    /** A stored checkpoint and whether its signature checks out with the key recorded beside it. */
    public record Stored(long sequence, String hash, boolean signatureValid) {}

    @Scheduled(
            every = "${qorgau.audit.checkpoint-interval:1h}",
            delayed = "${qorgau.audit.checkpoint-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        work.run(this::signOnce);
    }

    private void signOnce() {
        try {
            sign();
        } catch (RuntimeException e) {
            LOG.warnf("Periodic audit checkpoint failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Signs the current head (or returns the existing checkpoint when the head has not moved since). */
    public CheckpointView sign() {
        try (Connection connection = dataSource.getConnection()) {
            long sequence;
            String hash;
            try (PreparedStatement statement =
                            connection.prepareStatement("select sequence, hash from audit_head where id = 1");
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                sequence = rs.getLong("sequence");
                hash = rs.getString("hash");
            }
            Optional<CheckpointView> existing = load(connection, sequence);
            if (existing.isPresent()) {
                return existing.get();
            }
            Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            KeyPair pair = keys();
            String signature =
                    Base64.getEncoder().encodeToString(sign(pair.getPrivate(), message(sequence, hash, signedAt)));
            String publicKey =
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            // several replicas may sign the same head at once: the first one stays
            try (PreparedStatement insert = connection.prepareStatement("insert into audit_checkpoint (sequence,"
                    + " hash, signed_at, algorithm, public_key, signature) values (?, ?, ?, ?, ?, ?)"
                    + " on conflict (sequence) do nothing")) {
                insert.setLong(1, sequence);
                insert.setString(2, hash);
                insert.setTimestamp(3, Timestamp.from(signedAt));
                insert.setString(4, ALGORITHM);
                insert.setString(5, publicKey);
                insert.setString(6, signature);
                insert.executeUpdate();
            }
            LOG.infof("Signed audit checkpoint at sequence %d", sequence);
            return load(connection, sequence).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("checkpoint could not be stored", e);
        }
    }

    /** Checkpoints, newest first, with this service's public key. */
    public CheckpointList list(int limit) {
        List<CheckpointView> views = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select sequence, hash, signed_at,"
                        + " signature, public_key from audit_checkpoint order by sequence desc limit ?")) {
            statement.setInt(1, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    views.add(view(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("checkpoint list failed", e);
        }
        byte[] publicKey = keys().getPublic().getEncoded();
        return new CheckpointList(
                ALGORITHM, Base64.getEncoder().encodeToString(publicKey), pem("PUBLIC KEY", publicKey), views);
    }

    public Optional<Stored> find(long sequence) {
        try (Connection connection = dataSource.getConnection()) {
            return load(connection, sequence).map(v -> new Stored(v.sequence(), v.hash(), valid(v)));
        } catch (SQLException e) {
            throw new IllegalStateException("checkpoint read failed", e);
        }
    }

    /** Every stored checkpoint whose signature verifies: sequence to hash. */
    TreeMap<Long, String> all(Connection connection) throws SQLException {
        TreeMap<Long, String> result = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        "select sequence, hash, signed_at, signature, public_key from audit_checkpoint");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                CheckpointView view = view(rs);
                if (valid(view)) {
                    result.put(view.sequence(), view.hash());
                } else {
                    LOG.warnf("Audit checkpoint %d has an invalid signature; ignored", view.sequence());
                }
            }
        }
        return result;
    }

    /** A detached signature and the public key that verifies it (the one {@code GET /v1/audit/checkpoints} publishes). */
    public record DetachedSignature(String algorithm, String publicKey, String signature) {}

    /**
     * Signs a document the service hands out (a subject-access answer) with the checkpoint key, so whoever holds the
     * document can check it with the published key.
     */
    public DetachedSignature signDocument(byte[] document) {
        KeyPair pair = keys();
        return new DetachedSignature(
                ALGORITHM,
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                Base64.getEncoder().encodeToString(sign(pair.getPrivate(), document)));
    }

    /** Whether the checkpoint's signature verifies with the public key recorded beside it. */
    public static boolean valid(CheckpointView view) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(view.publicKey())));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message(view.sequence(), view.hash(), view.signedAt()));
            return verifier.verify(Base64.getDecoder().decode(view.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The signed bytes: canonical JSON of {hash, sequence, signedAt}. */
    public static byte[] message(long sequence, String hash, Instant signedAt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hash", hash);
        fields.put("sequence", sequence);
        fields.put("signedAt", signedAt.truncatedTo(ChronoUnit.MICROS).toString());
        return CanonicalJson.encode(fields).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<CheckpointView> load(Connection connection, long sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select sequence, hash, signed_at, signature,"
                + " public_key from audit_checkpoint where sequence = ?")) {
            statement.setLong(1, sequence);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    private static CheckpointView view(ResultSet rs) throws SQLException {
        return new CheckpointView(
                rs.getLong("sequence"),
                rs.getString("hash"),
                rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                rs.getString("signature"),
                rs.getString("public_key"));
    }

    private static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key pair, created on first use. */
    synchronized KeyPair keys() {
        if (keys != null) {
            return keys;
        }
        Path privateFile = keyDirectory.resolve("audit-signing-private.pem");
        Path publicFile = keyDirectory.resolve("audit-signing-public.pem");
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(keyDirectory);
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                Path tmpPrivate = keyDirectory.resolve("audit-signing-private.pem.tmp");
                Files.writeString(
                        tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                try {
                    Files.setPosixFilePermissions(tmpPrivate, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's permissions apply
                }
                Path tmpPublic = keyDirectory.resolve("audit-signing-public.pem.tmp");
                Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.move(tmpPrivate, privateFile, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmpPublic, publicFile, StandardCopyOption.ATOMIC_MOVE);
                LOG.infof("Created the audit checkpoint signing key in %s", keyDirectory);
            }
            PrivateKey privateKey =
                    factory.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile))));
            keys = new KeyPair(publicKey, privateKey);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit signing key in " + keyDirectory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
