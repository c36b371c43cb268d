package org.qorgau.error;

import java.util.List;

/** HTTP 422: the request is well-formed but its content is invalid; {@link #errors()} lists every reason. */
public final class ValidationException extends QorgauException {

    private final List<FieldError> errors;

    public ValidationException(String detail, List<FieldError> errors) {
        super(422, "validation", "Invalid content", detail);
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(message, List.of(FieldError.of(field, message)));
    }

    @Override
    public List<FieldError> errors() {
        return errors;
    }
}
