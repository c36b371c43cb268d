package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterEstimatorTest {

    static final String HEADER =
            "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth,"
                    + " soc_sec_id\n";

    @Test
    void shouldReadFebrlRecordsWithTheirEntity(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(
                f,
                HEADER + "rec-12-org, mitchell, green, 7, wallaby place, delmar, cleveland, 2119, sa, 19560409, 1\n"
                        + "rec-12-dup-0, mitchell, gren, 7, wallaby place, delmar, cleveland, 2119, sa, 19560409, 1\n");
        List<ParameterEstimator.LabelledRecord> records = ParameterEstimator.readFebrl(f);
        assertEquals(2, records.size());
        assertEquals("12", records.get(1).entity());
        assertEquals("mitchell gren", records.get(1).name());
        assertEquals(19560409, records.get(1).dob());
    }

    @Test
    void shouldEstimateMFromTruePairsAndUFromNonPairs(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        java.util.Random random = new java.util.Random(5);
        String[] given = {"anna", "boris", "clara", "dmitri", "elena", "fedor", "galina", "igor", "jana", "kirill"};
        String[] surnames = {"smith", "jones", "brown", "taylor", "wilson", "evans", "thomas", "roberts", "walker"};
        for (int i = 0; i < 300; i++) {
            String g = given[i % given.length];
            String s = surnames[(i / given.length) % surnames.length] + randomWord(random);
            String dob = String.format("19%02d%02d%02d", 40 + i % 50, 1 + i % 12, 1 + i % 28);
            csv.append("rec-" + i + "-org, " + g + ", " + s + ", 1, a, b, c, 1, x, " + dob + ", 1\n");
            csv.append("rec-" + i + "-dup-0, " + g + ", " + s + ", 1, a, b, c, 1, x, " + dob + ", 1\n");
        }
        Path f = dir.resolve("d.csv");
        Files.writeString(f, csv.toString());
        MatchingParameters prior = MatchingParameters.loadDefault();
        Map<String, String> est = ParameterEstimator.estimate(ParameterEstimator.readFebrl(f), prior, 10, 20_000, 1);
        // every true pair is an exact copy: m(EXACT) and m(date EXACT) rise towards 1
        assertTrue(Double.parseDouble(est.get("name.m.EXACT")) > 0.9);
        assertTrue(Double.parseDouble(est.get("dateOfBirth.m.EXACT")) > 0.9);
        // random pairs of different people almost always have different names
        assertTrue(Double.parseDouble(est.get("name.u.DIFFERENT")) > 0.99);
        // a level never observed keeps its prior
        assertEquals(prior.u("name", "PHONETIC"), Double.parseDouble(est.get("name.u.PHONETIC")), 1e-12);
    }

    static String randomWord(java.util.Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    @Test
    void shouldRewriteValuesAndKeepComments() {
        String out = ParameterEstimator.rewrite("# why\na=1\nb=2\n", Map.of("b", "3", "c", "4"));
        assertEquals("# why\na=1\nb=3\nc=4\n", out);
    }

    @Test
    void shouldProduceALoadableParameterFile() {
        MatchingParameters febrl =
                MatchingParameters.load(Path.of("src/main/resources/matching/parameters-febrl.properties"));
        assertEquals("febrl-2026-11-25", febrl.id());
    }
}
