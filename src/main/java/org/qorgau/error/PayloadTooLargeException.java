package org.qorgau.error;

/** HTTP 413: Payload too large. */
public final class PayloadTooLargeException extends QorgauException {
    public PayloadTooLargeException(String detail) {
        super(413, "payload-too-large", "Payload too large", detail);
    }
}
