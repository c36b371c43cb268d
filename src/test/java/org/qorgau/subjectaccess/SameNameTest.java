package org.qorgau.subjectaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SameNameTest {

    @Test
    void shouldFollowItsEdgeCaseTable() {
        assertEquals(true, SameName.of("Сейтқали Нұрлан").matches("Nurlan Seitkali"));
        assertEquals(true, SameName.of("Абенов Нурлан Серикович").matches("Nurlan Abenov"));
        assertEquals(false, SameName.of("Абенов Нурлан Серикович").matches("Abenov Nurlan Erlanovich"));
        assertEquals(false, SameName.of("Nurlan Abenov").matches("Nurlan Abenova"));
        assertEquals(false, SameName.of("Nurlan Abenov").matches("Nurlan"));
        assertEquals(false, SameName.of("").matches(""));
    }

    @Test
    void shouldSearchTheRequestedDateAndItsCoarserForms() {
        assertEquals(List.of("1979-03-14", "1979-03", "1979"), SubjectAccessService.coarser("1979-03-14"));
        assertEquals(List.of("1979-03", "1979"), SubjectAccessService.coarser("1979-03"));
        assertEquals(List.of("1979"), SubjectAccessService.coarser("1979"));
    }
}
