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
 * exempt because its comparators carry their edge-case tables. There are no exceptions: a class that outgrows the bar
 * is split along its responsibilities.
 */
class ClassSizeTest {

    static final int MAX_LINES = 300;

    @Test
    void shouldKeepEveryClassOutsideMatchingUnderTheBar() throws IOException {
        Path root = Path.of("src/main/java/org/qorgau");
        Map<String, Integer> over = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("matching/")) {
                    continue;
                }
                try (Stream<String> all = Files.lines(file)) {
                    int lines = (int) all.count();
                    if (lines > MAX_LINES) {
                        over.put(relative, lines);
                    }
                }
            }
        }
        assertEquals(Map.of(), over, "a class over " + MAX_LINES + " lines (split it along its responsibilities)");
    }
}
