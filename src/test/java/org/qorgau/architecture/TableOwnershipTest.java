package org.qorgau.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One way to the database per aggregate: each table belongs to one package, and only that package's code names it in
 * SQL. Another package asks the owner's service. The crossings that remain are listed here by file and table; the
 * list may only shrink.
 */
class TableOwnershipTest {

    /** Table → the package (under org/qorgau/) that owns it. Tables of new capabilities are added as they arrive. */
    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("registry_entry", "registry"),
            Map.entry("registry_entry_history", "registry"),
            Map.entry("registry_head", "registry"),
            Map.entry("registry_version", "registry"),
            Map.entry("screening_check", "screening"),
            Map.entry("check_review", "screening"),
            Map.entry("check_batch", "screening"),
            Map.entry("disclosed_entry", "screening"),
            Map.entry("quota_usage", "screening"),
            Map.entry("audit_event", "audit"),
            Map.entry("audit_head", "audit"),
            Map.entry("audit_personal", "audit"),
            Map.entry("audit_checkpoint", "audit"),
            Map.entry("monitored_person", "monitoring"),
            Map.entry("monitoring_cursor", "monitoring"),
            Map.entry("monitoring_alert", "monitoring"),
            Map.entry("webhook_endpoint", "webhook"),
            Map.entry("webhook_message", "webhook"),
            Map.entry("webhook_delivery", "webhook"),
            Map.entry("dispute", "dispute"),
            Map.entry("dispute_resolution", "dispute"));

    /** Known crossings (file → table), to be moved behind the owner's service; nothing may be added here. */
    private static final Set<String> KNOWN_CROSSINGS = Set.of(
            "audit/UsageService.java -> screening_check",
            "audit/UsageService.java -> disclosed_entry",
            "audit/Retention.java -> quota_usage");

    private static final Pattern SQL_TABLE = Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\b");

    @Test
    void shouldNameTablesOnlyInTheirOwningPackage() throws IOException {
        Path root = Path.of("src/main/java/org/qorgau");
        Set<String> crossings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String pkg = relative.substring(0, relative.indexOf('/'));
                Matcher matcher = SQL_TABLE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String owner = OWNER.get(matcher.group(1).toLowerCase());
                    if (owner != null && !owner.equals(pkg)) {
                        crossings.add(relative + " -> " + matcher.group(1).toLowerCase());
                    }
                }
            }
        }
        assertEquals(
                new TreeSet<>(KNOWN_CROSSINGS),
                crossings,
                "a package names another's table in SQL (ask the owner's service), or a known crossing is gone"
                        + " (remove it from KNOWN_CROSSINGS)");
    }
}
