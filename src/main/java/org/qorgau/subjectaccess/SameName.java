package org.qorgau.subjectaccess;

import java.util.ArrayList;
import java.util.List;
import org.qorgau.matching.NameToken;
import org.qorgau.matching.ParsedName;

/**
 * Whether a checked name is the requesting person's name under the matching engine's normalisation: the same core
 * tokens by canonical key ({@code CanonicalKey}: transliteration, script, case, order and look-alike characters do not
 * matter), and, when both names have a patronymic, the same patronymic. A patronymic on one side only does not
 * matter (forms often omit it). A typo or a missing token is another name: the answer must not show a stranger's
 * checks.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>request</th><th>checked</th><th>same</th></tr>
 *   <tr><td>{@code Сейтқали Нұрлан}</td><td>{@code Nurlan Seitkali}</td><td>yes</td></tr>
 *   <tr><td>{@code Абенов Нурлан Серикович}</td><td>{@code Nurlan Abenov}</td><td>yes</td></tr>
 *   <tr><td>{@code Абенов Нурлан Серикович}</td><td>{@code Abenov Nurlan Erlanovich}</td><td>no</td></tr>
 *   <tr><td>{@code Nurlan Abenov}</td><td>{@code Nurlan Abenova}</td><td>no</td></tr>
 *   <tr><td>{@code Nurlan Abenov}</td><td>{@code Nurlan}</td><td>no</td></tr>
 * </table>
 */
final class SameName {

    private final List<String> core;
    private final List<String> patronymics;

    private SameName(String fullName) {
        ParsedName name = ParsedName.parse(fullName);
        core = new ArrayList<>();
        for (NameToken t : name.core()) {
            core.add(t.key());
        }
        core.sort(null);
        patronymics = new ArrayList<>();
        for (NameToken t : name.patronymics()) {
            patronymics.add(t.stem() + (t.female() ? ":f" : ":m"));
        }
        patronymics.sort(null);
    }

    static SameName of(String fullName) {
        return new SameName(fullName);
    }

    boolean matches(String other) {
        SameName that = new SameName(other);
        if (core.isEmpty() || !core.equals(that.core)) {
            return false;
        }
        return patronymics.isEmpty() || that.patronymics.isEmpty() || patronymics.equals(that.patronymics);
    }
}
