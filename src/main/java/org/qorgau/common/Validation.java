package org.qorgau.common;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Field rules shared by the registry, the checks, the audit filters and the console. Each method returns null when the value is acceptable and
 * otherwise a message for the caller (which repeats the rule, never the value, so no personal data is echoed).
 *
 * <table>
 *   <caption>Partial dates</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>{@code 1979}</td><td>valid</td></tr>
 *   <tr><td>{@code 1979-03}</td><td>valid</td></tr>
 *   <tr><td>{@code 1979-02-29}</td><td>invalid: not a calendar date</td></tr>
 *   <tr><td>{@code 0000-00-00}</td><td>invalid</td></tr>
 *   <tr><td>{@code 9999-12-31}</td><td>invalid: in the future</td></tr>
 *   <tr><td>{@code 1879}</td><td>invalid: before 1880</td></tr>
 * </table>
 */
public final class Validation {

    public static final int MAX_NAME_LENGTH = 300;
    public static final int MAX_ID_LENGTH = 100;
    public static final int MIN_YEAR = 1880;

    private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private Validation() {}

    /** A {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD} date that exists and is not in the future. */
    public static String partialDate(String value) {
        if (value == null || value.isEmpty()) {
            return "is required";
        }
        var m = DATE.matcher(value);
        if (!m.matches()) {
            return "must be YYYY, YYYY-MM or YYYY-MM-DD";
        }
        int year = Integer.parseInt(m.group(1));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (year < MIN_YEAR) {
            return "must not be before " + MIN_YEAR;
        }
        try {
            if (m.group(3) != null) {
                LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return date.isAfter(today) ? "must not be in the future" : null;
            }
            if (m.group(2) != null) {
                YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(2)));
                return month.isAfter(YearMonth.from(today)) ? "must not be in the future" : null;
            }
            return year > today.getYear() ? "must not be in the future" : null;
        } catch (DateTimeException e) {
            return "is not a calendar date";
        }
    }

    /** A 256-bit PDQ hash: exactly 64 hexadecimal characters. */
    public static String photoHash(String value) {
        if (value == null || !HEX64.matcher(value).matches()) {
            return "must be 64 hexadecimal characters (a 256-bit PDQ hash)";
        }
        return null;
    }

    /** A person's name: non-blank, at most 300 characters, any script, no control characters or lone surrogates. */
    public static String name(String value) {
        if (value == null || value.isBlank()) {
            return "is required";
        }
        if (value.length() > MAX_NAME_LENGTH) {
            return "must be at most " + MAX_NAME_LENGTH + " characters";
        }
        return text(value);
    }

    /** Longest value of a free-text query filter such as {@code actor} or {@code org}. */
    public static final int MAX_FILTER_LENGTH = 200;

    /**
     * A free-text query filter ({@code actor}, {@code org}): null when acceptable. PostgreSQL refuses NUL in text, so an
     * unchecked {@code %00} would surface as a database error (500) instead of the client's 422.
     */
    public static String filter(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            return "must be at most " + MAX_FILTER_LENGTH + " characters";
        }
        return text(value);
    }

    /** Free text: no control characters (other than none) and no unpaired surrogates. */
    public static String text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return "contains an unpaired surrogate";
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate";
            } else if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
        }
        return null;
    }

    /** Optional free text bounded in length. */
    public static String optionalText(String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return "must be at most " + max + " characters";
        }
        return text(value);
    }

    /** The authority's id: 1-100 characters of {@code A-Z a-z 0-9 . _ : -}. */
    public static String externalId(String value) {
        if (value == null || value.isEmpty()) {
            return "is required";
        }
        if (value.length() > MAX_ID_LENGTH || !ID.matcher(value).matches()) {
            return "must be 1-" + MAX_ID_LENGTH + " characters of A-Z a-z 0-9 . _ : -";
        }
        return null;
    }

    /** An http(s) URL of at most 2000 characters. */
    public static String url(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > 2000) {
            return "must be at most 2000 characters";
        }
        try {
            var uri = new java.net.URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                return "must be an http or https URL";
            }
        } catch (java.net.URISyntaxException e) {
            return "must be an http or https URL";
        }
        return null;
    }
}
