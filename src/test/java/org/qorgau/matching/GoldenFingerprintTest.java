package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The engine version names the behaviour: a SHA-256 over every golden case's verdict and match weight (screened against
 * the golden background registry plus all golden registry persons) is recorded with the engine version in
 * {@code matching/golden-fingerprint.properties}. When verdicts or weights change, the engine version must change
 * too (answers screened by different engines must never carry the same version in the audit trail); then record the
 * new pair, which this test prints.
 */
class GoldenFingerprintTest {

    @Test
    void shouldChangeTheEngineVersionWheneverGoldenVerdictsOrWeightsChange() throws Exception {
        Properties recorded = new Properties();
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("matching/golden-fingerprint.properties")) {
            recorded.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<GoldenCasesTest.Row> rows = GoldenCasesTest.rows();
        List<RegistryPerson> registry = new ArrayList<>(GoldenCasesTest.BACKGROUND);
        for (GoldenCasesTest.Row r : rows) {
            registry.add(new RegistryPerson(
                    "golden-" + r.line(), r.registryName(), r.aliases(), r.registryDob(), r.photos()));
        }
        Matcher matcher = GoldenCasesTest.FACTORY.build(registry);
        String fingerprint = fingerprint(matcher, rows);
        String record = "engineVersion=" + matcher.engineVersion() + "\nfingerprint=" + fingerprint;
        if (matcher.engineVersion().equals(recorded.getProperty("engineVersion"))) {
            assertEquals(
                    recorded.getProperty("fingerprint"),
                    fingerprint,
                    "golden verdicts or weights changed but the engine version did not: give the behaviour a new"
                            + " engineVersion (FellegiSunterMatcher.ALGORITHM, params.id or the rendering model id),"
                            + " then record\n" + record);
        } else {
            assertEquals(
                    recorded.getProperty("engineVersion"),
                    matcher.engineVersion(),
                    "new engine version: record its golden fingerprint in matching/golden-fingerprint.properties\n"
                            + record);
        }
    }

    static String fingerprint(Matcher matcher, List<GoldenCasesTest.Row> rows)
            throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (GoldenCasesTest.Row r : rows) {
            Screening s = matcher.screen(new Probe(r.queryName(), r.queryDob(), r.queryPhoto()));
            StringBuilder line =
                    new StringBuilder().append(r.line()).append(' ').append(s.verdict());
            for (Match m : s.matches()) {
                if (m.externalId().equals("golden-" + r.line())) {
                    line.append(' ').append(m.verdict()).append(String.format(Locale.ROOT, " %.3f", m.matchWeight()));
                    m.explanation()
                            .forEach(ev -> line.append(' ')
                                    .append(ev.field())
                                    .append('=')
                                    .append(ev.level()));
                }
            }
            sha.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
