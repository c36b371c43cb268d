package org.qorgau.screening;

import org.qorgau.matching.Matcher;

/**
 * One registry version as a replica holds it in memory: the matcher that screens against exactly that version (a full
 * index, or a full index of an earlier version with a delta on top). Immutable; a new version replaces the whole
 * snapshot in one reference swap. The entries' other fields are read from the registry history on demand
 * ({@link MatchingIndex#entriesAt}), as of this version.
 */
public record RegistrySnapshot(long version, Matcher matcher) {}
