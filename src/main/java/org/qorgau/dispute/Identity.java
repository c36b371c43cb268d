package org.qorgau.dispute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.qorgau.matching.NameToken;
import org.qorgau.matching.ParsedName;

/**
 * A candidate's identity as the matching engine reads it: the canonical keys ({@code CanonicalKey}) of the name's core
 * tokens in any order, the patronymic's stem and gender, and the date of birth as given. Transliterations and
 * reorderings of one name give one identity ({@code Нұрлан Сейтқали}, {@code Seitkali Nurlan}); a typo, a missing
 * patronymic or another date of birth do not, so a resolution about one person never reaches a merely similar one.
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>name, date of birth</th><th>{@code canonical}</th></tr>
 *   <tr><td>{@code "Нұрлан Сейтқали", "1979-03-14"}</td><td>{@code "nurlan seitkali||1979-03-14"}</td></tr>
 *   <tr><td>{@code "SEITKALI Nurlan", "1979-03-14"}</td><td>the same</td></tr>
 *   <tr><td>{@code "Абенов Нурлан Серикович", "1984"}</td><td>{@code "abenov nurlan|serik:m|1984"}</td></tr>
 *   <tr><td>{@code "", "1984"}</td><td>{@code "||1984"}</td></tr>
 * </table>
 */
public final class Identity {

    private Identity() {}

    public static String canonical(String fullName, String dateOfBirth) {
        ParsedName name = ParsedName.parse(fullName);
        List<String> core = new ArrayList<>();
        for (NameToken token : name.core()) {
            core.add(token.key());
        }
        core.sort(null);
        List<String> patronymics = new ArrayList<>();
        for (NameToken token : name.patronymics()) {
            patronymics.add(token.stem() + ":" + (token.female() ? "f" : "m"));
        }
        patronymics.sort(null);
        return String.join(" ", core) + "|" + String.join(" ", patronymics) + "|"
                + (dateOfBirth == null ? "" : dateOfBirth.strip().toUpperCase(Locale.ROOT));
    }
}
