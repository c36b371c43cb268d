package org.qorgau.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Result columns are read by name ({@code rs.getString("org")}), so a reordered SELECT cannot silently swap two
 * values. No file reads a column by position.
 */
class ColumnsByNameTest {

    private static final Pattern BY_POSITION = Pattern.compile(
            "\\.get(?:String|Long|Int|Object|Timestamp|Boolean|Double|Array|Bytes|Short|BigDecimal)\\(\\d");

    @Test
    void shouldReadColumnsByName() throws IOException {
        Path root = Path.of("src/main/java/org/qorgau");
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = BY_POSITION.matcher(Files.readString(file));
                int count = 0;
                while (matcher.find()) {
                    count++;
                }
                if (count > 0) {
                    found.put(root.relativize(file).toString().replace('\\', '/'), count);
                }
            }
        }
        assertEquals(Map.of(), found, "a column read by position (read it by name)");
    }
}
