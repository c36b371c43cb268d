package org.qorgau.audit.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditService;
import org.qorgau.common.Validation;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.Verdict;

/** The audit API's query parameters, parsed into their types or refused with a 422 naming the parameter. */
final class AuditParameters {

    private AuditParameters() {}

    static AuditService.Format exportFormat(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            String type = accepted.getType() + "/" + accepted.getSubtype();
            if (type.equals(AuditResource.CSV)) {
                return AuditService.Format.CSV;
            }
            if (type.equals(AuditResource.NDJSON)) {
                return AuditService.Format.NDJSON;
            }
            if (type.equals(MediaType.APPLICATION_JSON) || accepted.isWildcardType()) {
                return null;
            }
        }
        return null;
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(name, name + " must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z");
        }
    }

    static AuditEventType type(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditEventType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("type", "type must be one of " + Arrays.toString(AuditEventType.values()));
        }
    }

    static Verdict verdict(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Verdict.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("verdict", "verdict must be MATCH, POSSIBLE_MATCH or NO_MATCH");
        }
    }

    static Long cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ValidationException("cursor", "cursor must be a nextCursor from an earlier page");
        }
    }

    /** A free-text filter: blank means none; control characters, lone surrogates or overlong values are a 422. */
    static String filterText(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String problem = Validation.filter(value);
        if (problem != null) {
            throw new ValidationException(name, name + " " + problem);
        }
        return value;
    }
}
