package org.qorgau.matching.photo;

/** A photo that cannot be hashed, and why, in words fit for the sender (never the image's content). */
public final class PhotoRejected extends Exception {

    public enum Reason {
        /** Not a JPEG, PNG or WebP at all. */
        NOT_AN_IMAGE,
        /** Readable format, but truncated or corrupt. */
        CORRUPT,
        /** More pixels than allowed (a decompression bomb looks like this), decided before decoding. */
        TOO_MANY_PIXELS,
        /** Too small to carry a meaningful hash. */
        TOO_SMALL,
        /** An animation or several pictures in one file. */
        MULTI_FRAME
    }

    private final Reason reason;

    public PhotoRejected(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
