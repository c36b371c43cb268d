package org.qorgau.matching;

import java.util.List;

/**
 * One registry entry that the engine found worth reporting.
 *
 * @param externalId the registry entry's id
 * @param verdict this entry's verdict
 * @param probability posterior probability that candidate and entry are the same person
 * @param matchWeight the summed log2 weight of all evidence
 * @param explanation the evidence per field
 */
public record Match(
        String externalId, Verdict verdict, double probability, double matchWeight, List<Evidence> explanation) {
    public Match {
        explanation = List.copyOf(explanation);
    }
}
