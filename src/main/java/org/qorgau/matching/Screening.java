package org.qorgau.matching;

import java.util.List;

/**
 * The engine's answer for one probe.
 *
 * @param verdict the strongest match's verdict, {@link Verdict#NO_MATCH} when there are no matches
 * @param matches the matches worth reporting, strongest first
 */
public record Screening(Verdict verdict, List<Match> matches) {
    public Screening {
        matches = List.copyOf(matches);
    }

    public static Screening none() {
        return new Screening(Verdict.NO_MATCH, List.of());
    }
}
