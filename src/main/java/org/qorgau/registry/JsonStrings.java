package org.qorgau.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array of strings as PostgreSQL prints a {@code jsonb} column ({@code ["a", "b"]}), without building a
 * JSON tree: the index load reads two such arrays per registry entry, a million times at national scale.
 */
final class JsonStrings {

    private JsonStrings() {}

    /** The strings of {@code text}, a JSON array of strings; empty for null or {@code []}. */
    static List<String> parse(String text) {
        if (text == null || text.length() <= 2) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        StringBuilder sb = new StringBuilder();
        int i = text.indexOf('[') + 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                sb.setLength(0);
                i++;
                while (true) {
                    char d = text.charAt(i++);
                    if (d == '"') {
                        break;
                    }
                    if (d != '\\') {
                        sb.append(d);
                        continue;
                    }
                    char e = text.charAt(i++);
                    switch (e) {
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e); // \" \\ \/
                    }
                }
                out.add(sb.toString());
            } else if (c == ']') {
                break;
            } else if (c != ',' && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("not a JSON array of strings at offset " + i);
            } else {
                i++;
            }
        }
        return List.copyOf(out);
    }
}
