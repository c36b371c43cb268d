package org.qorgau.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.qorgau.matching.Verdict;
import org.qorgau.screening.api.CheckResponse;

/**
 * The matches of a person's last check (registry entry id → verdict), and what a new check says beyond them.
 *
 * <table>
 * <caption>Comparison of a new check with the baseline</caption>
 * <tr><th>baseline</th><th>new check</th><th>new information</th></tr>
 * <tr><td>{}</td><td>{}</td><td>none</td></tr>
 * <tr><td>{}</td><td>{A: POSSIBLE_MATCH}</td><td>NEW_MATCH</td></tr>
 * <tr><td>{A: POSSIBLE_MATCH}</td><td>{A: MATCH}</td><td>STRONGER_MATCH</td></tr>
 * <tr><td>{A: MATCH}</td><td>{A: POSSIBLE_MATCH}</td><td>none (weaker, still matched)</td></tr>
 * <tr><td>{A: MATCH}</td><td>{}</td><td>MATCH_REMOVED (entry removed, or changed so it no longer matches)</td></tr>
 * <tr><td>{A: MATCH}</td><td>{B: POSSIBLE_MATCH}</td><td>NEW_MATCH (the first reason found, new before removed)</td></tr>
 * </table>
 */
final class Baseline {

    /** Why a re-screen is new information. */
    enum Reason {
        NEW_MATCH,
        STRONGER_MATCH,
        MATCH_REMOVED
    }

    private final Map<String, Verdict> matches;

    private Baseline(Map<String, Verdict> matches) {
        this.matches = matches;
    }

    static Baseline of(List<CheckResponse.MatchView> views) {
        Map<String, Verdict> matches = new TreeMap<>();
        for (CheckResponse.MatchView view : views) {
            matches.merge(view.externalId(), Verdict.valueOf(view.verdict()), Verdict::strongest);
        }
        matches.values().removeIf(v -> v == Verdict.NO_MATCH);
        return new Baseline(matches);
    }

    static Baseline parse(String text) {
        Map<String, Verdict> matches = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\n")) {
                int space = line.lastIndexOf(' ');
                matches.put(line.substring(0, space), Verdict.valueOf(line.substring(space + 1)));
            }
        }
        return new Baseline(matches);
    }

    /** One "externalId VERDICT" per line (registry ids carry no line breaks: the registry's validation refuses them). */
    String format() {
        StringBuilder text = new StringBuilder();
        matches.forEach((id, verdict) -> {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(id).append(' ').append(verdict.name());
        });
        return text.toString();
    }

    boolean contains(String externalId) {
        return matches.containsKey(externalId);
    }

    java.util.Set<String> ids() {
        return matches.keySet();
    }

    /** What {@code next} (a later check of the same person) says that this baseline did not; empty when nothing. */
    Optional<Reason> newInformationIn(Baseline next) {
        for (Map.Entry<String, Verdict> match : next.matches.entrySet()) {
            Verdict before = matches.get(match.getKey());
            if (before == null) {
                return Optional.of(Reason.NEW_MATCH);
            }
            if (match.getValue().ordinal() > before.ordinal()) {
                return Optional.of(Reason.STRONGER_MATCH);
            }
        }
        for (String id : matches.keySet()) {
            if (!next.matches.containsKey(id)) {
                return Optional.of(Reason.MATCH_REMOVED);
            }
        }
        return Optional.empty();
    }
}
