package org.qorgau.audit;

/**
 * CSV cells for exports that auditors open in spreadsheets. A cell starting with {@code = + - @}, a tab or a carriage
 * return would be run as a formula by Excel or LibreOffice (CSV injection), so such a cell gets a leading single
 * quote; then RFC 4180 quoting applies.
 *
 * <pre>
 * cell(null)          = ""
 * cell("plain")       = plain
 * cell("=1+1")        = '=1+1
 * cell("-2")          = '-2
 * cell("@SUM(A1)")    = '@SUM(A1)
 * cell("a,b")         = "a,b"
 * cell("say \"hi\"")  = "say ""hi"""
 * cell("=HYPERLINK(\"x\",\"y\")") = "'=HYPERLINK(""x"",""y"")"
 * </pre>
 */
public final class Csv {

    private Csv() {}

    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String safe = (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
                ? "'" + value
                : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
