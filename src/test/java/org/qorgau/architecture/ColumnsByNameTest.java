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
 * values. The files that still read by position are listed with their count; the counts may only go down.
 */
class ColumnsByNameTest {

    private static final Map<String, Integer> STILL_BY_POSITION = Map.of(
            "audit/AuditService.java", 41,
            "audit/UsageService.java", 25,
            "audit/PersonalFields.java", 2,
            "registry/RegistryService.java", 26,
            "screening/SubjectChecks.java", 12);

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
        assertEquals(new TreeMap<>(STILL_BY_POSITION), found, "a column read by position (read it by name)");
    }
}
