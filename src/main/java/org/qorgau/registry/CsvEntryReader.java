package org.qorgau.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qorgau.registry.api.RegistryEntry;

/**
 * Reads {@code text/csv} (RFC 4180): a header row of entry field names, then one entry per record; list fields
 * ({@code aliases}, {@code photoHashes}) separate items with {@code |}. Quoted fields may contain commas, quotes
 * ({@code ""}) and line breaks. An empty cell is an absent value.
 */
final class CsvEntryReader implements EntryReader {

    static final Set<String> FIELDS = Set.of(
            "externalId",
            "fullName",
            "aliases",
            "dateOfBirth",
            "photoHashes",
            "offence",
            "convictionDate",
            "region",
            "sourceUrl");
    private static final Set<String> REQUIRED = Set.of("externalId", "fullName", "dateOfBirth", "offence");
    private static final int MAX_RECORD_LINES = 20;

    private final BoundedLineReader lines;
    private final int maxLineChars;
    private Map<String, Integer> columns;
    private ParsedLine headerError;
    private boolean headerRead;

    CsvEntryReader(InputStream in, int maxLineChars) {
        this.lines = new BoundedLineReader(in, maxLineChars);
        this.maxLineChars = maxLineChars;
    }

    @Override
    public ParsedLine next() throws IOException {
        if (!headerRead) {
            headerRead = true;
            readHeader();
            if (headerError != null) {
                return headerError;
            }
        }
        if (columns == null) {
            return null;
        }
        while (true) {
            long start = lines.lineNumber() + 1;
            String line = lines.readLine();
            if (line == null) {
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line == BoundedLineReader.TOO_LONG) {
                return ParsedLine.error(start, null, "line is longer than " + maxLineChars + " characters");
            }
            List<String> cells = new ArrayList<>();
            String problem = parseRecord(line, cells);
            if (problem != null) {
                return ParsedLine.error(start, null, problem);
            }
            if (cells.size() != columns.size()) {
                return ParsedLine.error(
                        start, null, "has " + cells.size() + " cells, the header has " + columns.size());
            }
            return ParsedLine.ok(start, toEntry(cells));
        }
    }

    private void readHeader() throws IOException {
        String header = lines.readLine();
        if (header == null) {
            columns = null;
            return;
        }
        if (header == BoundedLineReader.TOO_LONG) {
            headerError = ParsedLine.error(1, null, "header line is too long");
            return;
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = new ArrayList<>();
        String problem = parseRecord(header, names);
        if (problem != null) {
            headerError = ParsedLine.error(1, null, "header " + problem);
            return;
        }
        Map<String, Integer> map = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (!FIELDS.contains(name) || map.containsKey(name)) {
                unknown.add(name);
            } else {
                map.put(name, i);
            }
        }
        List<String> missing =
                REQUIRED.stream().filter(f -> !map.containsKey(f)).sorted().toList();
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            headerError = ParsedLine.error(
                    1,
                    null,
                    "header must name entry fields once each"
                            + (unknown.isEmpty() ? "" : "; unknown or repeated: " + String.join(", ", unknown))
                            + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing)));
            return;
        }
        columns = map;
    }

    /** Parses one record, pulling continuation lines for quoted line breaks; returns a problem or null. */
    private String parseRecord(String first, List<String> cells) throws IOException {
        StringBuilder cell = new StringBuilder();
        String line = first;
        int i = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        int continuation = 0;
        while (true) {
            if (i >= line.length()) {
                if (quoted) {
                    String more = lines.readLine();
                    if (more == null || more == BoundedLineReader.TOO_LONG || ++continuation > MAX_RECORD_LINES) {
                        return "has an unterminated quoted cell";
                    }
                    cell.append('\n');
                    line = more;
                    i = 0;
                    continue;
                }
                cells.add(cell.toString());
                return null;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (c == '"' && cell.length() == 0 && !afterQuote) {
                quoted = true;
            } else if (afterQuote) {
                return "has text after a closing quote";
            } else {
                cell.append(c);
            }
            if (cell.length() > maxLineChars) {
                return "has a cell longer than " + maxLineChars + " characters";
            }
        }
    }

    private RegistryEntry toEntry(List<String> cells) {
        return new RegistryEntry(
                cell(cells, "externalId"),
                cell(cells, "fullName"),
                list(cell(cells, "aliases")),
                cell(cells, "dateOfBirth"),
                list(cell(cells, "photoHashes")),
                cell(cells, "offence"),
                cell(cells, "convictionDate"),
                cell(cells, "region"),
                cell(cells, "sourceUrl"));
    }

    private String cell(List<String> cells, String field) {
        Integer index = columns.get(field);
        if (index == null) {
            return null;
        }
        String value = cells.get(index);
        return value.isEmpty() ? null : value;
    }

    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("\\|", -1)).map(String::strip).toList();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
