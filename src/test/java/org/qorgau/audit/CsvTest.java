package org.qorgau.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldPrefixCellsThatSpreadsheetsWouldRunAsFormulas() {
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("'+31", Csv.cell("+31"));
        assertEquals("'-2", Csv.cell("-2"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
    }

    @Test
    void shouldQuoteSeparatorsQuotesAndLineBreaksPerRfc4180() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("", Csv.cell(null));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("\"line1\nline2\"", Csv.cell("line1\nline2"));
    }
}
