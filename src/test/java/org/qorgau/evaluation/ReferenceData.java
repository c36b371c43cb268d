package org.qorgau.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the third-party reference data kept in the repository under {@code src/test/resources/reference/} (the
 * iuliia transliteration schemes and the FEBRL sets, each with its licence and origin note). The files are read from
 * the test classpath, so a clone with nothing beside it tests itself; tools that use larger data take a path argument.
 */
public final class ReferenceData {

    private ReferenceData() {}

    /**
     * The file {@code reference/<relative>} on the test classpath, e.g. {@code febrl/dataset4a.csv}.
     *
     * @throws IllegalStateException when the file is not on the classpath (a clear message instead of a bare I/O error)
     */
    public static Path path(String relative) {
        String resource = "reference/" + relative;
        URL url = ReferenceData.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("reference data " + resource
                    + " is not on the test classpath (expected under src/test/resources/reference/)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | FileSystemNotFoundException e) {
            throw new IllegalStateException("reference data " + resource + " is not a plain file: " + url, e);
        }
    }

    /** The bytes of {@code reference/<relative>}. */
    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference data " + relative, e);
        }
    }
}
