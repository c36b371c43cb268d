package org.qorgau.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateKeysTest {

    private static byte[] secret(int fill) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) fill);
        return s;
    }

    private static CandidateKeys ring(String id, int fill) {
        return new CandidateKeys(Map.of(id, secret(fill)));
    }

    @Test
    void shouldGiveTheSameKeyForTheSameCandidateWrittenInAnotherOrderOrCase() {
        CandidateKeys keys = ring("k1", 1);
        assertEquals(keys.candidate("Nurlan Seitkali", "1979-03-14"), keys.candidate("SEITKALI  nurlan", "1979-03-14"));
        assertNotEquals(
                keys.candidate("Nurlan Seitkali", "1979-03-14"), keys.candidate("Nurlan Seitkali", "1979-03-15"));
    }

    @Test
    void shouldNotBeThePlainHashAnyoneCouldRecomputeByGuessing() throws Exception {
        CandidateKeys keys = ring("k1", 1);
        String plain = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest("nurlan seitkali|1979-03-14".getBytes(StandardCharsets.UTF_8)));
        String keyed = keys.candidate("Nurlan Seitkali", "1979-03-14");
        assertTrue(keyed.startsWith("k1:"), keyed);
        assertEquals(3 + 64, keyed.length());
        assertNotEquals(plain, keyed.substring(3));
        // another server key gives another hash: the table alone does not link a person across installations
        assertNotEquals(
                keyed.substring(3),
                ring("k1", 2).candidate("Nurlan Seitkali", "1979-03-14").substring(3));
    }

    @Test
    void shouldCarryTheKeyIdAndAcceptPreviousKeysDuringRotation() {
        Map<String, byte[]> old = Map.of("2025", secret(7));
        Map<String, byte[]> rotated = new LinkedHashMap<>();
        rotated.put("2026", secret(9));
        rotated.put("2025", secret(7));
        String before = new CandidateKeys(old).identity("abenov nurlan|1984-03-12");
        CandidateKeys after = new CandidateKeys(rotated);
        assertEquals("2026", after.currentId());
        assertEquals("2026", CandidateKeys.keyIdOf(after.identity("abenov nurlan|1984-03-12")));
        List<String> accepted = after.allIdentity("abenov nurlan|1984-03-12");
        assertEquals(2, accepted.size());
        assertTrue(accepted.contains(before), "a hash made under the previous key is still found");
        assertEquals("2025", CandidateKeys.keyIdOf(before));
        assertNull(CandidateKeys.keyIdOf("0f".repeat(32)), "a plain SHA-256 from before keyed hashing has no key id");
    }

    @Test
    void shouldCreateTheDevelopmentKeyOnceAndReuseIt(@TempDir Path dir) throws Exception {
        byte[] first = CandidateKeys.developmentKey(dir.resolve("keys"));
        byte[] second = CandidateKeys.developmentKey(dir.resolve("keys"));
        assertEquals(32, first.length);
        assertEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(second));
        Path file = dir.resolve("keys").resolve(CandidateKeys.KEY_FILE);
        assertTrue(Files.exists(file));
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
