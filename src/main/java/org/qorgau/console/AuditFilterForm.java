package org.qorgau.console;

import static org.qorgau.console.ConsolePages.blank;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditFilter;
import org.qorgau.common.Validation;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.Verdict;

/**
 * The auditor's filter form: its fields read into an {@link AuditFilter} (a field that is not valid is refused as the
 * API refuses it), and back into the query string the page's links carry. Days are days in the service's zone.
 */
final class AuditFilterForm {

    private final ZoneId zone;

    AuditFilterForm(ZoneId zone) {
        this.zone = zone;
    }

    AuditFilter filter(String type, String org, String actor, String verdict, String from, String to, String cursor) {
        if (!blank(type)
                && Arrays.stream(AuditEventType.values())
                        .noneMatch(t -> t.name().equals(type))) {
            throw new ValidationException("type", "type is not an audit event type");
        }
        if (!blank(verdict) && !List.of("MATCH", "POSSIBLE_MATCH", "NO_MATCH").contains(verdict)) {
            throw new ValidationException("verdict", "verdict must be MATCH, POSSIBLE_MATCH or NO_MATCH");
        }
        for (String[] field : new String[][] {{"org", org}, {"actor", actor}}) {
            String problem = blank(field[1]) ? null : Validation.filter(field[1]);
            if (problem != null) {
                throw new ValidationException(field[0], field[0] + " " + problem);
            }
        }
        Long after = null;
        if (!blank(cursor)) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "cursor is not one this service issued");
            }
        }
        return new AuditFilter(
                day("from", from),
                dayAfter("to", to),
                blank(org) ? null : org,
                blank(actor) ? null : actor,
                blank(type) ? null : AuditEventType.valueOf(type),
                blank(verdict) ? null : Verdict.valueOf(verdict),
                after);
    }

    static String query(String type, String org, String actor, String verdict, String from, String to) {
        StringBuilder query = new StringBuilder();
        String[][] pairs = {
            {"type", type}, {"org", org}, {"actor", actor}, {"verdict", verdict}, {"from", from}, {"to", to}
        };
        for (String[] pair : pairs) {
            if (!blank(pair[1])) {
                query.append('&')
                        .append(pair[0])
                        .append('=')
                        .append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    /** The start of a day (in the service's zone) given as YYYY-MM-DD; null when blank. */
    Instant day(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + " must be a date YYYY-MM-DD");
        }
    }

    /** The start of the day after (an inclusive "to" date). */
    Instant dayAfter(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value).plusDays(1).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, field + " must be a date YYYY-MM-DD");
        }
    }
}
