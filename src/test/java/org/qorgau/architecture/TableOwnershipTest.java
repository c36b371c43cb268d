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
 * SQL. Another package asks the owner's service, or (where the layering forbids that import) an interface it declares
 * and the owner implements.
 */
class TableOwnershipTest {

    /** Table → the package (under org/qorgau/) that owns it. Tables of new capabilities are added as they arrive. */
    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("registry_entry", "registry"),
            Map.entry("registry_entry_history", "registry"),
            Map.entry("registry_head", "registry"),
            Map.entry("registry_import", "registry"),
            Map.entry("registry_import_change", "registry"),
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

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)\\bcreate\\s+(?:unlogged\\s+|temporary\\s+|temp\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_]+)");

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
        assertEquals(Set.of(), crossings, "a package names another's table in SQL (ask the owner's service)");
    }

    @Test
    void shouldKnowTheOwnerOfEveryTable() throws IOException {
        Set<String> unowned = new TreeSet<>();
        for (Path root : new Path[] {Path.of("src/main/resources/db/migration"), Path.of("src/main/java/org/qorgau")}) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f ->
                                f.toString().endsWith(".sql") || f.toString().endsWith(".java"))
                        .toList()) {
                    Matcher matcher = CREATE_TABLE.matcher(Files.readString(file));
                    while (matcher.find()) {
                        if (!OWNER.containsKey(matcher.group(1).toLowerCase())) {
                            unowned.add(matcher.group(1).toLowerCase());
                        }
                    }
                }
            }
        }
        assertEquals(Set.of(), unowned, "a table without an owning package (add it to OWNER)");
    }
}
