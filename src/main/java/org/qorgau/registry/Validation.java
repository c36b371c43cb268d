package org.qorgau.registry;

/**
 * Moved to {@link org.qorgau.common.Validation}: its field rules serve the registry, the checks, the audit filters and
 * the console alike. This forwarder keeps code written against the old place compiling until it is updated.
 */
@Deprecated(forRemoval = true)
public final class Validation {

    public static final int MAX_NAME_LENGTH = org.qorgau.common.Validation.MAX_NAME_LENGTH;
    public static final int MAX_ID_LENGTH = org.qorgau.common.Validation.MAX_ID_LENGTH;
    public static final int MIN_YEAR = org.qorgau.common.Validation.MIN_YEAR;
    public static final int MAX_FILTER_LENGTH = org.qorgau.common.Validation.MAX_FILTER_LENGTH;

    private Validation() {}

    public static String partialDate(String value) {
        return org.qorgau.common.Validation.partialDate(value);
    }

    public static String photoHash(String value) {
        return org.qorgau.common.Validation.photoHash(value);
    }

    public static String name(String value) {
        return org.qorgau.common.Validation.name(value);
    }

    public static String filter(String value) {
        return org.qorgau.common.Validation.filter(value);
    }

    public static String text(String value) {
        return org.qorgau.common.Validation.text(value);
    }

    public static String optionalText(String value, int max) {
        return org.qorgau.common.Validation.optionalText(value, max);
    }

    public static String externalId(String value) {
        return org.qorgau.common.Validation.externalId(value);
    }

    public static String url(String value) {
        return org.qorgau.common.Validation.url(value);
    }
}
