/**
 * The matching engine: plain Java (no CDI, JAX-RS, JPA; enforced by {@code MatchingArchitectureTest}), no logging.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * MatcherFactory factory = FellegiSunterMatcherFactory.withDefaultParameters();   // matching/parameters.properties
 * // or FellegiSunterMatcherFactory.withParameters(MatchingParameters.load(path))
 * Matcher matcher = factory.build(registryPeople);     // immutable, thread-safe snapshot; rebuild per registry version
 * Screening s = matcher.screen(new Probe("Nurlan Abenov", "1984-03-12", null));
 * matcher.engineVersion();                              // qorgau-fs/1.6+params-<params.id>+rendering-<model id>
 * }</pre>
 *
 * <h2>Pipeline</h2>
 *
 * <ol>
 *   <li>{@link org.qorgau.matching.NameNormalizer}: NFKC, format characters out, case fold, punctuation, homoglyph
 *       skeleton — a chain of small filters.
 *   <li>{@link org.qorgau.matching.CanonicalKey}: Cyrillic (Russian and Kazakh) and every common romanisation to one
 *       phonetic-ish Latin key; {@link org.qorgau.matching.Transliterator} holds the schemes (ICAO, BGN/PCGN, Kazakh
 *       2021, informal, German-style).
 *   <li>{@link org.qorgau.matching.ParsedName} / {@link org.qorgau.matching.NameToken}: tokens in any order,
 *       patronymics optional, initials.
 *   <li>Comparators returning results with level and reason: {@link org.qorgau.matching.NameComparator},
 *       {@link org.qorgau.matching.DateComparator}, {@link org.qorgau.matching.PhotoComparator}.
 *   <li>{@link org.qorgau.matching.CandidateIndex}: name-key postings sorted by date, photo multi-index hashing.
 *   <li>{@link org.qorgau.matching.FellegiSunterScorer}: m/u weights with term-frequency adjustment, then the verdict
 *       rules (a name alone is never a MATCH).
 *   <li>{@code org.qorgau.matching.ParameterEstimator} (a tool in src/tools, not in the runtime jar): re-estimates m/u
 *       from labelled pairs (FEBRL files), and, through {@code ParameterEstimator.LabelledProbes}, m/u and verdict
 *       thresholds from labelled
 *       Kazakh/Russian probes against a registry ({@code scripts/estimate-parameters}, test-scope main
 *       {@code org.qorgau.evaluation.EstimateParameters}; output: the default {@code matching/parameters.properties}).
 * </ol>
 *
 * <p>Golden cases: {@code src/test/resources/matching/golden-cases.csv} ({@code GoldenCasesTest}); a matching change
 * starts with a failing row.
 */
package org.qorgau.matching;
