package org.qorgau.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;
import org.qorgau.registry.api.RegistryEntry;

/** Reads {@code application/x-ndjson}: one JSON entry per line; blank lines are skipped. */
final class NdjsonEntryReader implements EntryReader {

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build()
            .readerFor(RegistryEntry.class);

    private final BoundedLineReader lines;
    private final int maxLineChars;

    NdjsonEntryReader(InputStream in, int maxLineChars) {
        this.lines = new BoundedLineReader(in, maxLineChars);
        this.maxLineChars = maxLineChars;
    }

    @Override
    public ParsedLine next() throws IOException {
        String line;
        do {
            line = lines.readLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        long number = lines.lineNumber();
        if (line == BoundedLineReader.TOO_LONG) {
            return ParsedLine.error(number, null, "line is longer than " + maxLineChars + " characters");
        }
        try {
            RegistryEntry entry = READER.readValue(line);
            if (entry == null) {
                return ParsedLine.error(number, null, "line is not a JSON object");
            }
            return ParsedLine.ok(number, entry);
        } catch (UnrecognizedPropertyException e) {
            return ParsedLine.error(number, e.getPropertyName(), "unknown field " + e.getPropertyName());
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return path.isEmpty()
                    ? ParsedLine.error(number, null, "line is not a JSON object")
                    : ParsedLine.error(number, path, "wrong type for " + path);
        } catch (JsonProcessingException e) {
            return ParsedLine.error(number, null, "line is not valid JSON");
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
