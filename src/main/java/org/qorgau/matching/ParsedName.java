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
