package org.qorgau.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source file outside the matching engine grows past {@value #MAX_LINES} lines (every line counted, blank and
 * comment lines too, as {@code wc -l} counts them): a class that long does more than one thing. The matching engine is
 * exempt because its comparators carry their edge-case tables. The files still over the bar are listed with their
 * current length; a listed file may only shrink, and leaves the list once under the bar.
 */
class ClassSizeTest {

    static final int MAX_LINES = 300;

    /**
     * Two of these are catalogues rather than classes that do too much: {@code console/Msg} holds one English string per
     * method (its Kazakh and Russian properties files mirror it key for key), and {@code config/QorgauConfig} one
     * documented key per method. Splitting either would spread one list over several files without separating any
     * behaviour; their length grows with the product's words and settings.
     */
    private static final Map<String, Integer> STILL_OVER = Map.ofEntries(
            Map.entry("console/Msg.java", 508));

    @Test
    void shouldKeepEveryClassOutsideMatchingUnderTheBar() throws IOException {
        Path root = Path.of("src/main/java/org/qorgau");
        Map<String, Integer> over = new TreeMap<>();
        Map<String, Integer> grown = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("matching/")) {
                    continue;
                }
                int lines;
                try (Stream<String> all = Files.lines(file)) {
                    lines = (int) all.count();
                }
                if (lines > MAX_LINES) {
                    over.put(relative, lines);
                    Integer allowed = STILL_OVER.get(relative);
                    if (allowed == null || lines > allowed) {
                        grown.put(relative, lines);
                    }
                }
            }
        }
        assertEquals(Map.of(), grown, "a class over " + MAX_LINES + " lines (split it along its responsibilities)");
        assertEquals(
                new TreeMap<>(STILL_OVER).keySet(),
                over.keySet(),
                "a listed class is now under the bar (remove it from STILL_OVER)");
    }
}
