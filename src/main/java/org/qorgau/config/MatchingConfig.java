package org.qorgau.config;

import java.util.Optional;

/** The matching engine's parameters ({@code qorgau.matching.*}). */
public interface MatchingConfig {
    /** A matching parameter file to use instead of the shipped {@code matching/parameters.properties}. */
    Optional<String> parameters();
}
