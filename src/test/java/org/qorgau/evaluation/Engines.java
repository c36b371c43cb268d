package org.qorgau.evaluation;

import org.qorgau.matching.MatcherFactory;

/**
 * Chooses the matcher factory from {@code --engine=fs|exact|trigram}. The real engine is looked up by reflection so
 * that the evaluation code compiles and runs (on the baselines) before the engine class exists.
 */
public final class Engines {

    static final String ENGINE_CLASS = "org.qorgau.matching.FellegiSunterMatcherFactory";

    private Engines() {}

    public static MatcherFactory factory(String name) {
        switch (name) {
            case "exact":
            case "naive":
                return new ExactMatcherFactory();
            case "trigram":
            case "pg_trgm":
                return new TrigramBaselineMatcherFactory();
            case "fs":
                try {
                    return (MatcherFactory) Class.forName(ENGINE_CLASS)
                            .getMethod("withDefaultParameters")
                            .invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "engine " + ENGINE_CLASS + ".withDefaultParameters() not available; use --engine=exact or"
                                    + " --engine=trigram",
                            e);
                }
            default:
                throw new IllegalArgumentException("unknown engine " + name + " (fs, exact, trigram)");
        }
    }

    /** Value of {@code --key=value} in {@code args}, or the default. */
    public static String arg(String[] args, String key, String defaultValue) {
        String prefix = "--" + key + "=";
        for (String a : args) {
            if (a.startsWith(prefix)) {
                return a.substring(prefix.length());
            }
        }
        return defaultValue;
    }
}
