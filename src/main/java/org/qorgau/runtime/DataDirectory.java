package org.qorgau.runtime;

import java.nio.file.Path;

/** Resolves {@code QORGAU_DATA_DIR} (system property {@code qorgau.data-dir} wins), default {@code ./data}. */
public final class DataDirectory {

    private DataDirectory() {}

    public static Path resolve() {
        String value = System.getProperty("qorgau.data-dir");
        if (value == null || value.isBlank()) {
            value = System.getenv("QORGAU_DATA_DIR");
        }
        if (value == null || value.isBlank()) {
            value = "./data";
        }
        return Path.of(value).toAbsolutePath().normalize();
    }
}
