package org.qorgau.screening;

import java.util.Map;
import org.qorgau.matching.Matcher;
import org.qorgau.registry.api.RegistryEntry;

/**
 * One registry version as a replica holds it in memory: the matcher built over it and the entries it reports from.
 * Immutable; a new version replaces the whole snapshot in one reference swap.
 */
public record RegistrySnapshot(long version, Matcher matcher, Map<String, RegistryEntry> entries) {}
