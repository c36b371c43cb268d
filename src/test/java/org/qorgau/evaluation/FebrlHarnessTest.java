package org.qorgau.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The FEBRL harness runs on the repository's own copy of the FEBRL sets (nothing outside the clone). */
class FebrlHarnessTest {

    @Test
    void shouldReadTheRepositorysFebrlFilesWithTheirDocumentedSizes() {
        List<FebrlHarness.FebrlRecord> a = FebrlHarness.read(ReferenceData.path("febrl/dataset4a.csv"));
        List<FebrlHarness.FebrlRecord> b = FebrlHarness.read(ReferenceData.path("febrl/dataset4b.csv"));
        List<FebrlHarness.FebrlRecord> three = FebrlHarness.read(ReferenceData.path("febrl/dataset3.csv"));
        assertEquals(5000, a.size());
        assertEquals(5000, b.size());
        assertEquals(5000, three.size());
        assertTrue(ReferenceData.path("febrl/LICENSE").toFile().isFile(), "FEBRL keeps its licence beside it");
    }

    @Test
    void shouldBeatThePublishedFebrl4AnchorOnNameAndDateOfBirthOnly() {
        String tables = FebrlHarness.run(Engines.factory("fs"));
        System.out.println(tables);
        assertTrue(
                tables.contains("FEBRL4: 5000 registry records, 5000 probes, 5000 true pairs, 0 screening errors."),
                tables);
        assertTrue(tables.contains("FEBRL3: 5000 records, 6538 true pairs, 0 screening errors."), tables);
        // F1 of "verdict ≠ NO_MATCH" on FEBRL4, the last column of its row; anchor: recordlinkage's rule, F1 0.787.
        Matcher row = Pattern.compile("\\| FEBRL4 \\(4a registry, 4b probes\\) \\|.*\\| ([0-9.]+) \\|")
                .matcher(tables);
        assertTrue(row.find(), tables);
        double f1 = Double.parseDouble(row.group(1));
        assertTrue(f1 > 0.787, String.format(Locale.ROOT, "FEBRL4 F1 %.3f is not above the anchor 0.787", f1));
    }
}
