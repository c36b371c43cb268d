package org.qorgau.error;

import java.util.List;
import java.util.Map;

/**
 * The root of every error Qorgau answers with on purpose. Each subclass passes its own HTTP status and problem type,
 * so no error falls back to 500 by inheritance. Details are written for the caller: never a class name, a stack trace
 * or a candidate's personal data.
 */
public abstract class QorgauException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    protected QorgauException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** A short slug; the problem's {@code type} URI is {@code https://qorgau.org/problems/<slug>}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Machine-readable errors, e.g. one per invalid field or line; empty by default. */
    public List<FieldError> errors() {
        return List.of();
    }

    /** Counts behind the refusal (the problem's {@code counts} member); empty by default. */
    public Map<String, Long> counts() {
        return Map.of();
    }

    /** Extra HTTP headers such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
