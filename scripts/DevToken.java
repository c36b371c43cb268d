import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Development tokens: {@code java scripts/DevToken.java ROLE ORG [SUBJECT] [TTL_SECONDS]} prints, on its last line, an
 * RS256 JWT that a Qorgau started with the same QORGAU_DATA_DIR accepts. Creates the key pair under
 * $QORGAU_DATA_DIR/keys on first use, exactly as the service does. Only the JDK is needed.
 */
public class DevToken {

    private static final String ISSUER = System.getenv().getOrDefault("QORGAU_DEV_ISSUER", "qorgau-dev");
    private static final String AUDIENCE = "qorgau";

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: scripts/dev-token ROLE ORG [SUBJECT] [TTL_SECONDS]");
            System.err.println("roles: screener, reviewer, auditor, registry-admin");
            System.exit(2);
        }
        String role = args[0];
        String org = args[1];
        String subject = args.length > 2 ? args[2] : role + "@" + org;
        long ttl = args.length > 3 ? Long.parseLong(args[3]) : 8 * 3600;
        String dir = System.getenv().getOrDefault("QORGAU_DATA_DIR", "./data");
        Path keys = Path.of(dir).toAbsolutePath().normalize().resolve("keys");
        PrivateKey key = loadOrCreate(keys);
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + json(ISSUER) + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"" + json(subject)
                + "\",\"upn\":\"" + json(subject) + "\",\"org\":\"" + json(org) + "\",\"groups\":[\"" + json(role)
                + "\"],\"iat\":" + now + ",\"exp\":" + (now + ttl) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        System.out.println(signingInput + "." + b64(signature.sign()));
    }

    private static PrivateKey loadOrCreate(Path keys) throws Exception {
        Path privatePem = keys.resolve("private.pem");
        Path publicPem = keys.resolve("public.pem");
        if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
            Files.createDirectories(keys);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path tmpPrivate = keys.resolve("private.pem.tmp");
            Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(tmpPrivate, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not POSIX
            }
            Path tmpPublic = keys.resolve("public.pem.tmp");
            Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.move(tmpPrivate, privatePem, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpPublic, publicPem, StandardCopyOption.ATOMIC_MOVE);
            System.err.println("created development keys in " + keys);
        }
        String text = Files.readString(privatePem)
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
