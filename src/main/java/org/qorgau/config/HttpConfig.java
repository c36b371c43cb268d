package org.qorgau.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Request limits outside the matching path ({@code qorgau.http.*}). */
public interface HttpConfig {
    /** Largest request body outside the registry import, in bytes; larger bodies answer 413. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * Longest wait for a request body outside the registry import, from the end of the headers; slower bodies
     * answer 408 and the connection is closed. Bodies are received without holding a worker thread.
     */
    @WithDefault("10s")
    Duration bodyTimeout();

    /** Largest registry import body, in bytes (a national snapshot is about 265 MB). */
    @WithDefault("1073741824")
    long maxImportBytes();
}
