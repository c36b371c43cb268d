package org.qorgau.matching;

import java.util.Collection;

/** Builds a {@link Matcher} over a registry snapshot. */
public interface MatcherFactory {
    Matcher build(Collection<RegistryPerson> registry);
}
