package org.qorgau.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Qorgau's own settings ({@code qorgau.*}; environment {@code QORGAU_*}). */
@ConfigMapping(prefix = "qorgau")
public interface QorgauConfig {

    /** Embedded PostgreSQL data ({@code pg/}) and development keys ({@code keys/}). */
    @WithDefault("./data")
    String dataDir();

    Http http();

    Registry registry();

    Index index();

    interface Http {
        /** Largest request body outside the registry import, in bytes; larger bodies answer 413. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** Largest registry import body, in bytes (a national snapshot is about 265 MB). */
        @WithDefault("1073741824")
        long maxImportBytes();
    }

    interface Registry {
        /** Longest accepted line (NDJSON) or record (CSV) of an import, in characters. */
        @WithDefault("65536")
        int maxLineChars();

        /** At most this many line errors are listed in a 422 answer; the total count is always given. */
        @WithDefault("10000")
        int maxReportedErrors();
    }

    interface Index {
        /** How often each replica looks for a new registry version. */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
