package org.qorgau.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines of strict UTF-8 with a cap on line length, so a file with one endless line (a "bomb") costs at most
 * the cap in memory. An over-long line is consumed to its end and reported as {@link #TOO_LONG}.
 */
final class BoundedLineReader implements AutoCloseable {

    /** Returned in place of a line longer than the cap. */
    static final String TOO_LONG = "\u0000too-long";

    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private StringBuilder line = new StringBuilder(1024);
    private int position;
    private int limit;
    private long lineNumber;

    BoundedLineReader(InputStream in, int maxChars) {
        this.reader = new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.maxChars = maxChars;
    }

    /** The number of the line last returned, 1-based. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its terminator, {@link #TOO_LONG}, or null at the end.
     *
     * @throws CharacterCodingException when the input is not valid UTF-8
     */
    String readLine() throws IOException {
        StringBuilder line = this.line;
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position >= limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            // copy the run up to the next newline (or the buffer's end) in one go
            int newline = position;
            while (newline < limit && buffer[newline] != '\n') {
                newline++;
            }
            if (!tooLong) {
                int run = newline - position;
                if (line.length() + run > maxChars) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(buffer, position, run);
                }
            }
            if (newline < limit) {
                position = newline + 1;
                break;
            }
            position = limit;
        }
        lineNumber++;
        if (tooLong) {
            return TOO_LONG;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        if (line.capacity() > 1 << 16) {
            String text = line.toString();
            this.line = new StringBuilder(1024); // do not keep a huge buffer after one long line
            return text;
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
