package org.qorgau.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSecretsTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    private static WebhookSecrets ring(String currentId, byte[] current, String previousId, byte[] previous) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(currentId, current);
        if (previousId != null) {
            keys.put(previousId, previous);
        }
        return new WebhookSecrets(keys);
    }

    @Test
    void shouldSealSoThatTheStoredValueHidesTheSecretAndOpensToIt() {
        WebhookSecrets secrets = ring("k1", key(1), null, null);
        String secret = WebhookSigner.newSecret();
        String sealed = secrets.seal(secret, "endpoint-1");
        assertTrue(sealed.startsWith("v1:k1:"), sealed);
        assertFalse(sealed.contains(secret.substring("whsec_".length())));
        assertNotEquals(sealed, secrets.seal(secret, "endpoint-1"), "a fresh nonce every time");
        assertEquals(secret, secrets.open(sealed, "endpoint-1"));
        assertFalse(secrets.needsSealing(sealed));
    }

    @Test
    void shouldNotOpenASecretCopiedToAnotherEndpointOrUnderAnotherKey() {
        WebhookSecrets secrets = ring("k1", key(1), null, null);
        String sealed = secrets.seal(WebhookSigner.newSecret(), "endpoint-1");
        IllegalStateException moved =
                assertThrows(IllegalStateException.class, () -> secrets.open(sealed, "endpoint-2"));
        assertTrue(moved.getMessage().contains("does not decrypt"), moved.getMessage());
        WebhookSecrets otherKeySameId = ring("k1", key(2), null, null);
        assertThrows(IllegalStateException.class, () -> otherKeySameId.open(sealed, "endpoint-1"));
        WebhookSecrets unknownId = ring("k9", key(1), null, null);
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> unknownId.open(sealed, "endpoint-1"));
        assertTrue(missing.getMessage().contains("'k1', which is not configured"), missing.getMessage());
    }

    @Test
    void shouldOpenPlainTextAndRetiredKeysAndAskForThemToBeResealed() {
        String secret = WebhookSigner.newSecret();
        WebhookSecrets old = ring("k1", key(1), null, null);
        String sealedOld = old.seal(secret, "e");
        WebhookSecrets rotated = ring("k2", key(2), "k1", key(1));
        assertEquals(secret, rotated.open(sealedOld, "e"));
        assertTrue(rotated.needsSealing(sealedOld));
        assertEquals(secret, rotated.open(secret, "e"), "plain text from before encryption at rest");
        assertTrue(rotated.needsSealing(secret));
        assertFalse(rotated.needsSealing(null));
    }

    @Test
    void shouldGenerateTheDevelopmentKeyOnceOwnerOnly(@TempDir Path dir) throws Exception {
        byte[] first = WebhookSecrets.developmentKey(dir.resolve("keys"));
        byte[] second = WebhookSecrets.developmentKey(dir.resolve("keys"));
        assertEquals(32, first.length);
        assertTrue(Arrays.equals(first, second));
        Path file = dir.resolve("keys").resolve(WebhookSecrets.KEY_FILE);
        assertEquals(
                Base64.getEncoder().encodeToString(first),
                Files.readString(file).strip());
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
