package org.qorgau.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason a request was refused.
 *
 * @param line the 1-based line of an imported file, or null
 * @param field the field, as a JSON pointer-like path ({@code candidate.dateOfBirth}), or null
 * @param message what is wrong, for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Long line, String field, String message) {
    public static FieldError of(String field, String message) {
        return new FieldError(null, field, message);
    }
}
