package org.qorgau.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The matching engine's parameters: Fellegi–Sunter m and u per comparison level, term-frequency bounds, comparator
 * tolerances and verdict thresholds. Loaded from a properties file (the default one is the classpath resource
 * {@code matching/parameters.properties}, where every key is documented); the tool {@code ParameterEstimator}
 * (src/tools) re-estimates it from labelled pairs. No weight or threshold is a literal in the engine's code.
 *
 * <p>Keys: {@code params.id}; {@code <field>.m.<LEVEL>} and {@code <field>.u.<LEVEL>} for field {@code name},
 * {@code dateOfBirth}, {@code photo}; plus the keys read through {@link #get(String)}, all listed in the default file.
 */
public final class MatchingParameters {

    /** Classpath location of the default parameters. */
    public static final String DEFAULT_RESOURCE = "matching/parameters.properties";

    private final Properties properties;

    private MatchingParameters(Properties properties) {
        this.properties = properties;
        // Fail at load time, not at the first screening.
        id();
        for (NameLevel level : NameLevel.values()) {
            m("name", level.name());
            u("name", level.name());
        }
        for (DateLevel level : DateLevel.values()) {
            m("dateOfBirth", level.name());
            u("dateOfBirth", level.name());
        }
        for (PhotoLevel level : PhotoLevel.values()) {
            if (level != PhotoLevel.NO_EVIDENCE) {
                m("photo", level.name());
                u("photo", level.name());
            }
        }
    }

    /** Loads the default parameters from the classpath resource {@value #DEFAULT_RESOURCE}. */
    public static MatchingParameters loadDefault() {
        try (InputStream in = MatchingParameters.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return new MatchingParameters(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads parameters from a properties file (UTF-8). */
    public static MatchingParameters load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            return new MatchingParameters(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps already-loaded properties (copied). */
    public static MatchingParameters of(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return new MatchingParameters(copy);
    }

    /** A copy with one key changed; for experiments and tests. */
    public MatchingParameters with(String key, String value) {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty(key, value);
        return new MatchingParameters(copy);
    }

    /** The parameter set's id, part of {@link Matcher#engineVersion()}. */
    public String id() {
        return string("params.id");
    }

    public double m(String field, String level) {
        return probability(field + ".m." + level);
    }

    public double u(String field, String level) {
        return probability(field + ".u." + level);
    }

    public double get(String key) {
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + key + " is not a number", e);
        }
    }

    public int getInt(String key) {
        return (int) Math.round(get(key));
    }

    private double probability(String key) {
        double v = get(key);
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "parameter %s must be in (0, 1], is %s", key, v));
        }
        return v;
    }

    public String getString(String key) {
        return string(key);
    }

    private String string(String key) {
        String v = properties.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing parameter " + key);
        }
        return v.trim();
    }
}
