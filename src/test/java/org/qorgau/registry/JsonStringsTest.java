package org.qorgau.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void shouldReadJsonStringArraysAsPostgresPrintsThem() {
        assertEquals(List.of(), JsonStrings.parse("[]"));
        assertEquals(List.of(), JsonStrings.parse(null));
        assertEquals(List.of("Nurlan Abenov", "Нұрлан"), JsonStrings.parse("[\"Nurlan Abenov\", \"Нұрлан\"]"));
        assertEquals(List.of("a\"b\\cé\n"), JsonStrings.parse("[\"a\\\"b\\\\c\\u00e9\\n\"]"));
    }
}
