package org.qorgau.screening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.qorgau.matching.ExactNameMatcherFactory;
import org.qorgau.matching.MatcherFactory;

/** Chooses the matching engine the service runs. */
@ApplicationScoped
public class MatcherFactoryProducer {

    @Produces
    @ApplicationScoped
    MatcherFactory matcherFactory() {
        return new ExactNameMatcherFactory();
    }
}
