package org.qorgau.registry;

/** How an import changes the registry. */
public enum ImportMode {
    /** Adds new entries and updates changed ones; entries absent from the file stay. */
    UPSERT,
    /** Makes the registry equal to the file: entries absent from it are removed (their history is kept). */
    REPLACE
}
