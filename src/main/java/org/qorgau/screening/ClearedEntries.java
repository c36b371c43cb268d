package org.qorgau.screening;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.qorgau.common.Reads;
import org.qorgau.registry.api.RegistryEntry;
import org.qorgau.screening.api.CheckResponse.MatchView;

/**
 * Evidence from outside the engine that a candidate is not the person of an entry: registry-authority resolutions of
 * disputes (implemented by the dispute capability). Read once per check that matched anything, with the matched
 * entries and the organisation's own reviews; applied after the engine, it may only lower an entry's verdict to
 * NO_MATCH with its reason in the explanation, or show a resolution beside a match, never add a match.
 */
public interface ClearedEntries {

    /**
     * The read of the resolutions that may decide {@code externalIds} for this candidate, to run with the check's other
     * reads in one round trip ({@link Reads}); its result applies them to the check's matches.
     */
    Reads.Read<Clearing> read(String fullName, String dateOfBirth, Collection<String> externalIds);

    /** The resolutions a {@link #read} found, to apply to the check's matches. */
    interface Clearing {

        /**
         * The matches with resolutions about this candidate applied, cleared entries last.
         *
         * @param entries the matched entries as of the screened registry version, by external id
         */
        List<MatchView> apply(List<MatchView> matches, Map<String, RegistryEntry> entries);
    }
}
