package org.qorgau.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A name split into tokens: the core tokens (given names, surnames, middle names, initials — in any order) and the
 * patronymics, which are optional on either side of a comparison.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>core</th><th>patronymics</th></tr>
 *   <tr><td>{@code ""}</td><td>none</td><td>none</td></tr>
 *   <tr><td>{@code "Абенов Нурлан Серикович"}</td><td>абенов, нурлан</td><td>серикович</td></tr>
 *   <tr><td>{@code "Абенов Нурлан Серік ұлы"}</td><td>абенов, нурлан</td><td>серік ұлы</td></tr>
 *   <tr><td>{@code "N. Abenov"}</td><td>n (initial), abenov</td><td>none</td></tr>
 *   <tr><td>{@code "Анна-Мария Ким"}</td><td>анна, мария, ким</td><td>none</td></tr>
 *   <tr><td>{@code "Karanović Czerniewicz"} (only patronymic-shaped tokens)</td><td>karanović, czerniewicz</td>
 *       <td>none</td></tr>
 * </table>
 */
public final class ParsedName {

    private static final NameToken[] NONE = new NameToken[0];

    /** The most core tokens a name may have for {@link #joinedReadings}. */
    static final int MAX_JOINED_CORE = 4;

    private final NameToken[] core;
    private final NameToken[] patronymics;

    private ParsedName(NameToken[] core, NameToken[] patronymics) {
        this.core = core;
        this.patronymics = patronymics;
    }

    public NameToken[] core() {
        return core;
    }

    public NameToken[] patronymics() {
        return patronymics;
    }

    public boolean isEmpty() {
        return core.length == 0 && patronymics.length == 0;
    }

    /** A name of already parsed tokens (a padded probe focused on one entry, see {@link PaddedName}). */
    static ParsedName of(NameToken[] core, NameToken[] patronymics) {
        return new ParsedName(core, patronymics);
    }

    /** Parses a raw name. */
    public static ParsedName parse(String raw) {
        return parse(raw, null);
    }

    /**
     * Parses a raw name, sharing token objects through {@code interner} (used when indexing a registry so that a
     * million entries hold only references to a few hundred thousand distinct tokens).
     */
    static ParsedName parse(String raw, Map<String, NameToken> interner) {
        String normalized = NameNormalizer.normalize(raw);
        if (normalized.isEmpty()) {
            return new ParsedName(NONE, NONE);
        }
        String[] words = normalized.split(" ");
        List<NameToken> core = new ArrayList<>(words.length);
        List<NameToken> patronymics = new ArrayList<>(1);
        for (String word : words) {
            NameToken token = interner == null ? NameToken.of(word) : interner.computeIfAbsent(word, NameToken::of);
            if (NameToken.isPatronymicWord(token.key()) && !core.isEmpty()) {
                NameToken father = core.remove(core.size() - 1);
                patronymics.add(NameToken.separatePatronymic(father, token));
            } else if (token.patronymic()) {
                patronymics.add(token);
            } else {
                core.add(token);
            }
        }
        if (core.isEmpty() && patronymics.size() > 1) {
            // Only patronymic-shaped tokens (Karanović Czerniewicz, Соколович Лоули): foreign surnames that end like
            // -ович or -ұлы, not a name made of patronymics, so they are compared as ordinary tokens.
            return new ParsedName(patronymics.toArray(NONE), NONE);
        }
        return new ParsedName(core.toArray(NONE), patronymics.toArray(NONE));
    }

    /**
     * The name read with two adjacent core tokens joined into one, one reading per adjacent pair (a stray space keyed
     * into a word: {@code Mitch Ell Berry} for {@code Mitchell Berry}); empty unless the name has at least three core
     * tokens and at most {@value #MAX_JOINED_CORE} (a given name and a surname with one or two stray spaces), and a pair with an initial or a patronymic-shaped token is not joined. Patronymics are kept as they are.
     *
     * <table>
     *   <caption>Edge cases</caption>
     *   <tr><th>core</th><th>readings</th></tr>
     *   <tr><td>mitch ell berry</td><td>mitchell berry; mitch ellberry</td></tr>
     *   <tr><td>anna berry</td><td>none (two tokens)</td></tr>
     *   <tr><td>j ell berry</td><td>j ellberry (an initial is not joined)</td></tr>
     * </table>
     */
    List<ParsedName> joinedReadings() {
        if (core.length < 3 || core.length > MAX_JOINED_CORE) {
            return List.of();
        }
        List<ParsedName> out = new ArrayList<>(core.length - 1);
        for (int i = 0; i + 1 < core.length; i++) {
            NameToken a = core[i];
            NameToken b = core[i + 1];
            if (a.initial() || b.initial()) {
                continue;
            }
            NameToken joined = NameToken.of(a.text() + b.text());
            if (joined.initial() || joined.patronymic()) {
                continue;
            }
            NameToken[] c = new NameToken[core.length - 1];
            System.arraycopy(core, 0, c, 0, i);
            c[i] = joined;
            System.arraycopy(core, i + 2, c, i + 1, core.length - i - 2);
            out.add(new ParsedName(c, patronymics));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (NameToken t : core) {
            sb.append(sb.length() == 0 ? "" : " ").append(t.text());
        }
        for (NameToken t : patronymics) {
            sb.append(sb.length() == 0 ? "" : " ").append(t.text());
        }
        return sb.toString();
    }
}
