package org.qorgau.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only reference data ({@code ../shared/data} relative to the project root). */
final class SharedData {

    private SharedData() {}

    /**
     * Resolves a path under the shared data folder: system property {@code qorgau.sharedData}, then environment
     * variable {@code QORGAU_SHARED_DATA}, then {@code ../shared/data}, then {@code /work/shared/data}.
     */
    static Path path(String relative) {
        String configured = System.getProperty("qorgau.sharedData", System.getenv("QORGAU_SHARED_DATA"));
        if (configured != null) {
            return Path.of(configured).resolve(relative);
        }
        Path sibling = Path.of("..", "shared", "data");
        Path root = Files.isDirectory(sibling) ? sibling : Path.of("/work/shared/data");
        return root.resolve(relative);
    }
}
