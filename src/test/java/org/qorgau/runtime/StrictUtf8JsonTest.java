package org.qorgau.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The body check accepts exactly what the JDK's strict UTF-8 decoder accepts. */
class StrictUtf8JsonTest {

    /** A later byte either continues a sequence (80-BF) or does not: these are the edges of both. */
    private static final int[] EDGES = {0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xFF};

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void same(byte[] bytes) {
        assertEquals(
                jdkAccepts(bytes),
                StrictUtf8Json.wellFormed(bytes),
                () -> HexFormat.of().formatHex(bytes));
    }

    @Test
    void shouldAgreeWithTheJdkOnEverySequenceOfUpToTwoBytesAndOnThreeByteOnes() {
        same(new byte[0]);
        for (int a = 0; a < 256; a++) {
            same(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                same(new byte[] {(byte) a, (byte) b});
            }
        }
        for (int a = 0xC0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : EDGES) {
                    same(new byte[] {(byte) a, (byte) b, (byte) c});
                }
            }
        }
    }

    @Test
    void shouldAgreeWithTheJdkOnFourByteSequencesAndRandomBodies() {
        for (int a = 0xF0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : EDGES) {
                    for (int d : EDGES) {
                        same(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                    }
                }
            }
        }
        Random random = new Random(20261201);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int j = 0; j < bytes.length; j++) {
                // mostly the bytes that matter: leads and continuations
                bytes[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(128));
            }
            same(bytes);
        }
    }

    @Test
    void shouldAcceptJsonInEveryScriptAndRefuseTheClassicTricks() {
        assertTrue(
                StrictUtf8Json.wellFormed("{\"fullName\":\"Сейткали Нұрлан 王 😀\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(StrictUtf8Json.wellFormed(new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'})); // overlong '/'
        assertFalse(StrictUtf8Json.wellFormed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})); // lone surrogate
        assertFalse(StrictUtf8Json.wellFormed(new byte[] {'a', (byte) 0xE2, (byte) 0x82})); // cut short
    }
}
