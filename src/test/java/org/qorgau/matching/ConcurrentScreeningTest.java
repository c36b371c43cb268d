package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads screening at once through one matcher share its bounded working arrays ({@link Workspaces}): each
 * answer must be the one the same probe gets alone.
 */
class ConcurrentScreeningTest {

    @Test
    void answersUnderContentionEqualTheAnswersScreenedOneByOne() throws Exception {
        CandidateIndexRecallTest.build();
        FellegiSunterMatcher matcher = CandidateIndexRecallTest.matcher;
        List<Probe> probes = CandidateIndexRecallTest.probes(600, 41);
        List<Screening> alone = new ArrayList<>();
        for (Probe p : probes) {
            alone.add(matcher.screen(p));
        }
        assertTrue(alone.stream().anyMatch(s -> s.verdict() != Verdict.NO_MATCH), "the probes must find someone");

        int threads = 4 * Workspaces.DEFAULT_CAPACITY;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Screening>>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 37;
                runs.add(pool.submit(() -> {
                    List<Screening> out = new ArrayList<>(probes.size());
                    for (int i = 0; i < probes.size(); i++) {
                        out.add(null);
                    }
                    for (int k = 0; k < probes.size(); k++) {
                        int i = (k + offset) % probes.size();
                        out.set(i, matcher.screen(probes.get(i)));
                    }
                    return out;
                }));
            }
            for (Future<List<Screening>> run : runs) {
                List<Screening> together = run.get(5, TimeUnit.MINUTES);
                for (int i = 0; i < probes.size(); i++) {
                    assertEquals(alone.get(i), together.get(i), "probe " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
