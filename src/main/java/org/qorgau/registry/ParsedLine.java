package org.qorgau.registry;

import java.util.List;
import org.qorgau.error.FieldError;
import org.qorgau.registry.api.RegistryEntry;

/** One record of an import file: its entry, or why it could not be read. */
record ParsedLine(long line, RegistryEntry entry, List<FieldError> errors) {

    static ParsedLine ok(long line, RegistryEntry entry) {
        return new ParsedLine(line, entry, List.of());
    }

    static ParsedLine error(long line, String field, String message) {
        return new ParsedLine(line, null, List.of(new FieldError(line, field, message)));
    }
}
