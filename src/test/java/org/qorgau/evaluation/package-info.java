/**
 * Quality harness, synthetic data and benchmarks for the matching engine. Test sources only: nothing here ships.
 *
 * <h2>Commands</h2>
 *
 * <pre>
 * scripts/evaluate --engine=fs          # synthetic Kazakh/Russian registry + FEBRL; also --engine=exact|trigram
 * scripts/evaluate --engine=fs --suite=synthetic --misses=5 --samples=3   # show failures and example probes
 * scripts/generate-registry 1000000 registry.ndjson [seed]                # NDJSON for POST /v1/registry/imports
 * scripts/generate-probes 100000 checks.ndjson 1000000 [seed] [probeSeed] [labels.tsv]   # POST /v1/checks bodies
 * scripts/bench-engine                  # JMH single-thread latency at 100,000 and 1,000,000 entries
 * scripts/bench-engine --footprint --size=1000000                         # build seconds + heap after build
 * ./mvnw -q test -Dtest='org.qorgau.evaluation.**' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * {@code scripts/evaluate} is {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.qorgau.evaluation.EvaluationHarness -Dexec.args="--engine=fs"}.
 *
 * <h2>Engines</h2>
 *
 * {@code fs} is {@code org.qorgau.matching.FellegiSunterMatcherFactory.withDefaultParameters()}, looked up by
 * reflection ({@link org.qorgau.evaluation.Engines}); {@code exact} ("naive", {@link
 * org.qorgau.evaluation.ExactMatcherFactory}) and {@code trigram} ("pg_trgm-style", {@link
 * org.qorgau.evaluation.TrigramBaselineMatcherFactory}) are the baselines printed beside it.
 *
 * <h2>Data and seeds</h2>
 *
 * Registry: {@link org.qorgau.evaluation.KazakhRussianGenerator}, seed 20261125, 20,000 people by default; person i
 * depends only on the seed and i. Probes: {@link org.qorgau.evaluation.ProbeGenerator}, seed 7777, 500 per registered
 * variant and 2,000 per not-registered kind. Transliteration for variants is the harness's own ({@link
 * org.qorgau.evaluation.Transliteration}, iuliia JSON schemes from {@code src/test/resources/reference/translit-schemas} plus Kazakh
 * 2021 Latin, informal and German-style), never the engine's.
 *
 * <h2>Ground-truth decisions</h2>
 *
 * <ul>
 *   <li>A registered probe is found when the verdict is not NO_MATCH and the expected id is among the matches.
 *   <li>When the registry has a partial date of birth, the probe carries a full date consistent with it (the screener
 *       knows the candidate's full date).
 *   <li>A "not registered" probe is rejected at generation when a registered person has a surname and given name each
 *       within one edit and a typo-like related date (years within 2, one digit, two digits transposed, day/month
 *       swapped), because by the verdict rules ({@code docs/design.md}) that is a legitimate POSSIBLE_MATCH, not a false one.
 *   <li>FEBRL: name = given + surname; date YYYYMMDD → YYYY-MM-DD, invalid day → YYYY-MM, invalid month → YYYY, empty
 *       → {@code null} (the record is kept). FEBRL3 counts a pair once whichever record found the other; self-hits are
 *       ignored.
 * </ul>
 */
package org.qorgau.evaluation;
