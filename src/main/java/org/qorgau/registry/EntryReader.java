package org.qorgau.registry;

import java.io.IOException;

/** A streaming reader of import records; never holds more than one record. */
interface EntryReader extends AutoCloseable {

    /** The next record, or null at the end of the file. */
    ParsedLine next() throws IOException;

    @Override
    void close() throws IOException;
}
