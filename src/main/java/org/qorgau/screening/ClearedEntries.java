package org.qorgau.screening;

import java.util.List;
import java.util.Map;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.screening.api.CheckResponse.MatchView;

/**
 * Evidence from outside the engine that a candidate is not the person of an entry: registry-authority resolutions of
 * disputes (implemented by the dispute capability). Asked once per check that matched anything, after the engine and
 * the organisation's own reviews; it may only lower an entry's verdict to NO_MATCH with its reason in the
 * explanation, or show a resolution beside a match, never add a match.
 */
public interface ClearedEntries {

    /**
     * The matches with resolutions about this candidate applied, cleared entries last.
     *
     * @param entries the matched entries as of the screened registry version, by external id
     */
    List<MatchView> apply(
            String fullName, String dateOfBirth, List<MatchView> matches, Map<String, RegistryEntry> entries);
}
