package org.qorgau.screening;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.util.Optional;
import org.qorgau.config.QorgauConfig;
import org.qorgau.matching.FellegiSunterMatcherFactory;
import org.qorgau.matching.MatcherFactory;
import org.qorgau.matching.MatchingParameters;

/**
 * Chooses the matching engine the service runs: the Fellegi–Sunter engine with the parameter set shipped in
 * {@code matching/parameters.properties}, or with a re-estimated file named by {@code qorgau.matching.parameters}.
 */
@ApplicationScoped
public class MatcherFactoryProducer {

    private final Optional<String> parametersFile;

    public MatcherFactoryProducer(QorgauConfig config) {
        this.parametersFile = config.matching().parameters();
    }

    @Produces
    @ApplicationScoped
    MatcherFactory matcherFactory() {
        return parametersFile
                .map(file -> FellegiSunterMatcherFactory.withParameters(MatchingParameters.load(Path.of(file))))
                .orElseGet(FellegiSunterMatcherFactory::withDefaultParameters);
    }
}
