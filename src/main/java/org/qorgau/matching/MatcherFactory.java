package org.qorgau.matching;

import java.util.Collection;

/** Builds a {@link Matcher} over a registry snapshot. */
public interface MatcherFactory {
    Matcher build(Collection<RegistryPerson> registry);

    /**
     * A matcher over a few entries changed since {@code base} was built that weighs names as {@code base} does (its
     * term frequencies), so that scores from the two can be merged. Engines without that notion build a plain matcher.
     */
    default Matcher buildDelta(Collection<RegistryPerson> changed, Matcher base) {
        return build(changed);
    }

    /**
     * A filter that tells, without scoring, which probes a matcher over {@code changed} could never report anything for
     * ({@link ChangeFilter}); empty for engines that cannot say (every probe must then be screened).
     */
    default java.util.Optional<ChangeFilter> changeFilter(Collection<RegistryPerson> changed) {
        return java.util.Optional.empty();
    }
}
