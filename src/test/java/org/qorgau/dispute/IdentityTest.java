package org.qorgau.dispute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void shouldGiveOneIdentityForTransliterationsAndReorderings() {
        String cyrillic = Identity.canonical("Сейтқали Нұрлан", "1979-03-14");
        assertEquals(cyrillic, Identity.canonical("Nurlan Seitkali", "1979-03-14"));
        assertEquals(cyrillic, Identity.canonical("SEITKALI  nurlan", "1979-03-14"));
        assertEquals(cyrillic, Identity.canonical("Сейткали Нурлан", "1979-03-14"));
    }

    @Test
    void shouldKeepApartWhatTheEngineKeepsApart() {
        String base = Identity.canonical("Nurlan Abenov", "1984-03-12");
        assertNotEquals(base, Identity.canonical("Nurlan Abenov", "1984-03-13"), "another date of birth");
        assertNotEquals(base, Identity.canonical("Nurlan Abenova", "1984-03-12"), "the female surname form");
        assertNotEquals(base, Identity.canonical("Nurlan Abenov Serikovich", "1984-03-12"), "a patronymic");
        assertNotEquals(base, Identity.canonical("Nurlan", "1984-03-12"), "a token missing");
        assertNotEquals(base, Identity.canonical("Nurlan Abenov", "1984"), "a partial date");
        assertEquals(
                Identity.canonical("Абенов Нурлан Серикович", "1984"),
                Identity.canonical("Nurlan Abenov Serikovich", "1984"));
        assertNotEquals(
                Identity.canonical("Абенов Нурлан Серикович", "1984"),
                Identity.canonical("Абенов Нурлан Ерланович", "1984"));
    }
}
