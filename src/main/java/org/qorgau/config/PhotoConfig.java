package org.qorgau.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Photos sent to be hashed ({@code qorgau.photo.*}); the photo itself is never kept. */
public interface PhotoConfig {
    /** Largest photo, in bytes ({@code QORGAU_PHOTO_MAX_BYTES}); larger photos answer 413. */
    @WithDefault("10485760")
    long maxBytes();

    /**
     * Most pixels ({@code width × height}) a photo may declare; refused from its header before decoding, so a small
     * file that would expand to gigabytes (a decompression bomb) costs nothing.
     */
    @WithDefault("50000000")
    long maxPixels();

    /** Smallest accepted width and height, in pixels. */
    @WithDefault("16")
    int minSide();

    /**
     * Photos decoded at the same time per replica; others wait up to {@code queue-timeout} and then answer 503. With
     * the body limit this bounds the memory photos can take: about 60 MB per decode for a 12-megapixel JPEG.
     */
    @WithDefault("4")
    int maxConcurrent();

    /**
     * Photo uploads a replica accepts at the same time (bodies in memory, waiting or decoding); beyond this a photo
     * request answers 503 with Retry-After before its body is read.
     */
    @WithDefault("8")
    int maxInFlight();

    /** Longest a photo waits for a decoding slot before the request answers 503 with Retry-After. */
    @WithDefault("10s")
    Duration queueTimeout();
}
