package org.qorgau.error;

/** HTTP 415: Unsupported media type. */
public final class UnsupportedMediaTypeException extends QorgauException {
    public UnsupportedMediaTypeException(String detail) {
        super(415, "unsupported-media-type", "Unsupported media type", detail);
    }
}
