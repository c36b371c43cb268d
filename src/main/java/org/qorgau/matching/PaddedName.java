package org.qorgau.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A probe name with more core tokens than the comparator pairs ({@link NameComparator#MAX_TOKENS}): the candidate
 * writes their own name, and extra initials, repeated tokens or invented given names placed before the real ones
 * would otherwise push the registered name out of the compared tokens and answer NO_MATCH. For each registry entry the
 * probe is focused on the tokens that matter to it: the probe's tokens that agree with some token of the entry's
 * names, best level first, without repeats, at most {@code MAX_TOKENS - 1} of them, plus one token that does not
 * agree, so the comparison still knows the probe had more (TOKEN_SUBSET, as for a short name with a middle name).
 *
 * <table>
 *   <caption>Examples (registry name {@code Nurlan Abenov})</caption>
 *   <tr><th>probe</th><th>focused on</th><th>name level</th></tr>
 *   <tr><td>{@code A B C D E F G Nurlan Abenov}</td><td>{@code A N? ... Nurlan Abenov} + one extra</td>
 *       <td>TOKEN_SUBSET</td></tr>
 *   <tr><td>{@code Abenov Abenov Abenov ... Nurlan}</td><td>{@code Abenov Nurlan} + one extra</td>
 *       <td>TOKEN_SUBSET</td></tr>
 *   <tr><td>up to {@code MAX_TOKENS} tokens</td><td>unchanged (never focused)</td><td>as before</td></tr>
 * </table>
 *
 * Plain code: no framework. The cache maps interned registry tokens to their levels against every probe token and
 * belongs to one screening and one thread.
 */
final class PaddedName {

    private PaddedName() {}

    /** Whether {@code probe} has more core tokens than the comparator reads and must be focused per entry. */
    static boolean isPadded(ParsedName probe) {
        return probe.core().length > NameComparator.MAX_TOKENS;
    }

    /**
     * A padded probe without its repeated tokens (same normalised text), once per screening: repeats add nothing to
     * compare and would only make every entry's focusing dearer. A name of at most {@code MAX_TOKENS} tokens is returned
     * as it is (there a repeat is part of the name, as in {@code Ali Ali}).
     */
    static ParsedName distinct(ParsedName probe) {
        if (!isPadded(probe)) {
            return probe;
        }
        Set<String> texts = new HashSet<>();
        List<NameToken> core = new ArrayList<>(probe.core().length);
        for (NameToken token : probe.core()) {
            if (texts.add(token.text())) {
                core.add(token);
            }
        }
        return core.size() == probe.core().length
                ? probe
                : ParsedName.of(core.toArray(new NameToken[0]), probe.patronymics());
    }

    /** {@code probe} focused on the tokens that can agree with one of {@code forms}; see the class comment. */
    static ParsedName focus(
            NameComparator names,
            ParsedName probe,
            ParsedName[] forms,
            Map<NameToken, NameComparator.TokenLevel[]> cache) {
        NameToken[] core = probe.core();
        int[] best = new int[core.length];
        Arrays.fill(best, NameComparator.TokenLevel.DIFFERENT.ordinal());
        for (ParsedName form : forms) {
            bestLevels(names, core, form.core(), best, cache);
            bestLevels(names, core, form.patronymics(), best, cache);
        }
        Integer[] order = new Integer[core.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> best[x] != best[y] ? Integer.compare(best[x], best[y]) : Integer.compare(x, y));
        boolean[] chosen = new boolean[core.length];
        Set<String> texts = new HashSet<>();
        int agreeing = 0;
        for (int i : order) {
            if (agreeing == NameComparator.MAX_TOKENS - 1 || !NameComparator.TokenLevel.values()[best[i]].agrees()) {
                break;
            }
            if (texts.add(core[i].text())) {
                chosen[i] = true;
                agreeing++;
            }
        }
        // one token the entry does not have, to keep "the probe has more tokens" in the comparison
        for (int i = 0; i < core.length; i++) {
            if (!chosen[i] && !texts.contains(core[i].text())) {
                chosen[i] = true;
                break;
            }
        }
        List<NameToken> focused = new ArrayList<>(NameComparator.MAX_TOKENS);
        for (int i = 0; i < core.length; i++) {
            if (chosen[i]) {
                focused.add(core[i]);
            }
        }
        return ParsedName.of(focused.toArray(new NameToken[0]), probe.patronymics());
    }

    private static void bestLevels(
            NameComparator names,
            NameToken[] core,
            NameToken[] tokens,
            int[] best,
            Map<NameToken, NameComparator.TokenLevel[]> cache) {
        for (NameToken token : tokens) {
            NameComparator.TokenLevel[] levels = cache.get(token);
            if (levels == null) {
                levels = new NameComparator.TokenLevel[core.length];
                for (int i = 0; i < core.length; i++) {
                    levels[i] = names.compareTokens(core[i], token);
                }
                cache.put(token, levels);
            }
            for (int i = 0; i < core.length; i++) {
                best[i] = Math.min(best[i], levels[i].ordinal());
            }
        }
    }
}
