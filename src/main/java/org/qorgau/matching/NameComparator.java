package org.qorgau.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Compares two names token by token, in any order, with patronymics optional.
 *
 * <p>Token levels: equal text, equal canonical key (transliteration; for a Chinese or Japanese name also the key of its
 * Palladius or Polivanov spelling, {@link SyllabicReadings}: {@code Qianzhi}/{@code Цяньчжи}), a small edit distance or
 * high Jaro–Winkler
 * similarity on the key (typo), equal phonetic key, a learned Russian rendering of a foreign name across scripts
 * ({@link RenderingModel}: {@code Didier}/{@code Дидье}), an initial that starts the other token. Male and female surname
 * forms ({@code Иванов}/{@code Иванова}, {@code -ский}/{@code -ская}) never agree: they are different people. The
 * best one-to-one assignment of tokens is chosen (most tokens agreeing first, then the best levels), and then:
 *
 * <table>
 *   <caption>Name level from the token assignment</caption>
 *   <tr><th>case</th><th>level</th></tr>
 *   <tr><td>a name is empty</td><td>DIFFERENT</td></tr>
 *   <tr><td>a token of the shorter name has no counterpart</td><td>DIFFERENT</td></tr>
 *   <tr><td>only one token agrees but a name has more ({@code Nurlan} / {@code Nurlan Abenov})</td><td>DIFFERENT</td></tr>
 *   <tr><td>both have a patronymic and the fathers' names or the genders differ</td><td>DIFFERENT</td></tr>
 *   <tr><td>some token agrees only as an initial ({@code N. Abenov} / {@code Nurlan Abenov})</td><td>INITIALS</td></tr>
 *   <tr><td>one name has extra tokens or a patronymic the other lacks</td><td>TOKEN_SUBSET</td></tr>
 *   <tr><td>otherwise the weakest token level</td><td>EXACT, TRANSLITERATION_EQUAL, TYPO, PHONETIC or RENDERING</td></tr>
 * </table>
 *
 * <p>The comparison is symmetric: {@code compare(a, b).level() == compare(b, a).level()}.
 */
public final class NameComparator {

    /** Token-level agreement, best first. */
    enum TokenLevel {
        EXACT,
        TRANSLITERATION_EQUAL,
        TYPO,
        PHONETIC,
        RENDERING,
        INITIAL,
        GENDER_FORM,
        DIFFERENT;

        boolean agrees() {
            return ordinal() <= INITIAL.ordinal();
        }
    }

    // Scores that make the assignment's sum decode uniquely into "number agreeing, then counts per level", so the
    // best assignment's level multiset does not depend on which side is which (at most MAX_TOKENS pairs).
    static final int MAX_TOKENS = 8;
    private static final long[] SCORE = {9L * 9 * 9 * 9 * 9, 9L * 9 * 9 * 9, 9L * 9 * 9, 9L * 9, 9L, 1L, 0L, 0L};
    private static final long AGREE_BONUS = 9L * 9 * 9 * 9 * 9 * 9;

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final int typoMinLength;
    private final int typoMaxEditsShort;
    private final int typoLongLength;
    private final int typoMaxEditsLong;
    private final double typoJaroWinkler;
    private final int phoneticMinLength;
    private final RenderingModel rendering;
    private final boolean renderingEnabled;
    private final double renderingMaxCostPerSymbol;
    private final int renderingGateEdits;
    private final double renderingShortPenalty;
    // surelyDifferent: the character bounds at or below which keys or readings may still agree
    private final int keyBoundAgrees;
    private final int readingBoundAgrees;
    private final int maxEdits;

    public NameComparator(MatchingParameters p) {
        this.typoMinLength = p.getInt("name.typo.minLength");
        this.typoMaxEditsShort = p.getInt("name.typo.maxEdits.short");
        this.typoLongLength = p.getInt("name.typo.longLength");
        this.typoMaxEditsLong = p.getInt("name.typo.maxEdits.long");
        this.typoJaroWinkler = p.get("name.typo.jaroWinkler");
        this.phoneticMinLength = p.getInt("name.phonetic.minLength");
        this.renderingEnabled = Boolean.parseBoolean(p.getString("name.rendering.enabled"));
        this.renderingMaxCostPerSymbol = p.get("name.rendering.maxCostPerSymbol");
        this.renderingGateEdits = p.getInt("name.rendering.gateEdits");
        this.renderingShortPenalty = p.get("name.rendering.shortPenalty");
        this.rendering = renderingEnabled ? RenderingModel.standard() : null;
        this.maxEdits = Math.max(typoMaxEditsShort, typoMaxEditsLong);
        // equal: 0 apart; gender forms: at most 3 (-ой/-ая); a typo: maxEdits; Jaro-Winkler's near miss: one more
        this.keyBoundAgrees = Math.max(GENDER_FORM_EDITS, maxEdits + 1);
        this.readingBoundAgrees = Math.max(GENDER_FORM_EDITS, maxEdits);
    }

    // The most edits between two keys that GenderForms#differOnlyByGender accepts (tolstoi/tolstaya).
    private static final int GENDER_FORM_EDITS = 3;

    /**
     * Whether {@link #compareTokens} surely finds a probe token and registry token {@code at} DIFFERENT, read from their
     * sketches ({@link TokenSketch}) alone, each string pair bounded by {@link EditDistance#characterBound}. The
     * registry token is a full token in Cyrillic letters, the probe token a full token, their phonetic keys differ, and
     * every agreement the comparator tries is out of reach:
     *
     * <ul>
     *   <li>the canonical keys are more than {@code keyBoundAgrees} apart: not equal, not gender forms (at most 3 edits,
     *       -ой/-ая), not a typo, not the near miss Jaro-Winkler may still accept;
     *   <li>the texts (same script) or the Latin spellings (across scripts) are more than a typo apart;
     *   <li>the probe's scientific reading is more than {@code readingBoundAgrees} from the registry key, its German
     *       reading as far from the registry's coarse key, and no syllabic reading equals the registry key;
     *   <li>a probe token with a Latin frame, which the rendering model may align with a Cyrillic one, has neither its
     *       key nor any Russian reading within the rendering gate's edits of the registry key.
     * </ul>
     *
     * {@code false} says nothing: compare the tokens.
     */
    boolean surelyDifferent(TokenSketch.Probe p, long[] sketches, int at) {
        long meta = sketches[at + TokenSketch.META];
        if ((meta & 1) == 0 || !p.full() || (int) (meta >>> 1) == p.phonetic()) {
            return false;
        }
        long key = sketches[at + TokenSketch.KEY];
        int keyBound = EditDistance.characterBound(p.key(), key);
        if (keyBound <= keyBoundAgrees) {
            return false;
        }
        if (p.cyrillicText()
                ? EditDistance.characterBound(p.text(), sketches[at + TokenSketch.TEXT]) <= maxEdits
                : EditDistance.characterBound(p.spelling(), sketches[at + TokenSketch.SPELLING]) <= maxEdits) {
            return false;
        }
        if ((p.scientific() != 0 && EditDistance.characterBound(p.scientific(), key) <= readingBoundAgrees)
                || (p.german() != 0
                        && EditDistance.characterBound(p.german(), sketches[at + TokenSketch.COARSE])
                                <= readingBoundAgrees)) {
            return false;
        }
        for (long s : p.syllabic()) {
            if (s == key) {
                return false; // the same characters: the reading may equal the key
            }
        }
        if (p.latinFrame()) {
            if (keyBound <= renderingGateEdits) {
                return false;
            }
            for (long r : p.readings()) {
                if (EditDistance.characterBound(r, key) <= renderingGateEdits) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Bit {@code i} set when probe core token {@code i} (of the first {@link #MAX_TOKENS}) agrees with registry token
     * {@code tokens[id]} at some level ({@link TokenLevel#agrees()}): the same token comparison {@link #compareBest}
     * makes, skipped where {@link #surelyDifferent} settles it. {@code probeSketches} are the probe tokens' sketches,
     * {@code sketches} the registry tokens' by id ({@link TokenSketch}). A probe token equal to one of the registry's
     * ({@code probeIds[i]} not -1, see {@link TokenPairs#idOf}) is compared once per pair of tokens, not once per
     * screening: its answers are remembered in {@code pairs}.
     */
    int agreeMask(
            NameToken[] probeCore,
            TokenSketch.Probe[] probeSketches,
            int[] probeIds,
            TokenPairs pairs,
            NameToken[] tokens,
            long[] sketches,
            int id) {
        int n = Math.min(probeCore.length, MAX_TOKENS);
        int mask = 0;
        for (int i = 0; i < n; i++) {
            if (surelyDifferent(probeSketches[i], sketches, id * TokenSketch.LONGS)) {
                continue;
            }
            int known = probeIds[i] < 0 ? -1 : pairs.agrees(probeIds[i], id);
            boolean agrees = known < 0 ? compareTokens(probeCore[i], tokens[id]).agrees() : known == 1;
            if (known < 0 && probeIds[i] >= 0) {
                pairs.remember(probeIds[i], id, agrees);
            }
            if (agrees) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** Compares a probe name with every name form of a registry person and returns the best result. */
    public NameComparison compareBest(ParsedName probe, ParsedName[] forms) {
        return compareBest(probe, forms, null);
    }

    /**
     * As {@link #compareBest(ParsedName, ParsedName[])}, remembering token comparisons in {@code cache}: registry
     * tokens are shared objects (interned at build time), so within one screening a common given name is compared
     * with the probe's tokens once, not once per entry. The cache belongs to one probe and one thread.
     */
    NameComparison compareBest(ParsedName probe, ParsedName[] forms, Map<NameToken, TokenLevel[]> cache) {
        NameComparison best = null;
        for (int f = 0; f < forms.length; f++) {
            NameComparison c = compareParsed(probe, forms[f], cache);
            if (best == null || c.level().ordinal() < best.level().ordinal()) {
                best = c.withForm(f);
                if (c.level() == NameLevel.EXACT) {
                    break;
                }
            }
        }
        return best == null ? NameComparison.different("registry entry has no name") : best;
    }

    /** Compares two parsed names. */
    public NameComparison compare(ParsedName a, ParsedName b) {
        return compareParsed(a, b, null);
    }

    private NameComparison compareParsed(ParsedName a, ParsedName b, Map<NameToken, TokenLevel[]> cache) {
        NameComparison result = compareParsed(a.core(), a.patronymics(), b.core(), b.patronymics(), cache);
        // A patronymic-style surname that a typo hid from the parser (Ерланлы for Ерланұлы): when only one side has a
        // patronymic and the other has more core tokens, compare the first side's patronymic as an ordinary token.
        if (result.level() == NameLevel.DIFFERENT) {
            NameToken[] qa = a.patronymics();
            NameToken[] qb = b.patronymics();
            if (qa.length > 0 && qb.length == 0 && b.core().length > a.core().length) {
                return orDifferent(compareParsed(concat(a.core(), qa), qb, b.core(), qb, null), result);
            }
            if (qb.length > 0 && qa.length == 0 && a.core().length > b.core().length) {
                return orDifferent(compareParsed(a.core(), qa, concat(b.core(), qb), qa, null), result);
            }
        }
        return result;
    }

    private static NameComparison orDifferent(NameComparison retry, NameComparison different) {
        return retry.level() == NameLevel.DIFFERENT ? different : retry;
    }

    private static NameToken[] concat(NameToken[] x, NameToken[] y) {
        NameToken[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    private NameComparison compareParsed(
            NameToken[] pa, NameToken[] qa, NameToken[] pb, NameToken[] qb, Map<NameToken, TokenLevel[]> cache) {
        int n = Math.min(pa.length, MAX_TOKENS);
        int m = Math.min(pb.length, MAX_TOKENS);
        if (n == 0 || m == 0) {
            return NameComparison.different("a name is empty");
        }
        TokenLevel[][] levels = new TokenLevel[n][m];
        if (cache == null) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    levels[i][j] = compareTokens(pa[i], pb[j]);
                }
            }
        } else {
            for (int j = 0; j < m; j++) {
                NameToken other = pb[j];
                TokenLevel[] column = cache.get(other);
                if (column == null) {
                    column = new TokenLevel[n];
                    for (int i = 0; i < n; i++) {
                        column[i] = compareTokens(pa[i], other);
                    }
                    cache.put(other, column);
                }
                for (int i = 0; i < n; i++) {
                    levels[i][j] = column[i];
                }
            }
        }
        // Quick rejection: the assignment cannot pair more tokens than there are rows and columns with an agreeing
        // level; most candidates share a single token and stop here.
        if (agreeingPairsAtMost(levels, n, m) < Math.min(n, m)) {
            int[] none = new int[n];
            java.util.Arrays.fill(none, -1);
            return NameComparison.different(unmatchedReason(pa, pb, levels, none, n, m));
        }
        int[] assignment = assign(levels, n, m);
        List<String> matchedKeys = new ArrayList<>(Math.min(n, m));
        int agreeing = 0;
        int full = 0;
        TokenLevel worst = TokenLevel.EXACT;
        boolean initials = false;
        for (int i = 0; i < n; i++) {
            int j = assignment[i];
            if (j < 0) {
                continue;
            }
            TokenLevel level = levels[i][j];
            agreeing++;
            matchedKeys.add(pb[j].key());
            if (level == TokenLevel.INITIAL) {
                initials = true;
            } else {
                full++;
                if (level.ordinal() > worst.ordinal()) {
                    worst = level;
                }
            }
        }
        int shorter = Math.min(n, m);
        if (agreeing < shorter) {
            return NameComparison.different(unmatchedReason(pa, pb, levels, assignment, n, m));
        }
        if (shorter == 1 && Math.max(n, m) > 1) {
            return NameComparison.different("only one name token in common");
        }
        if (full == 0) {
            return NameComparison.different("only initials agree");
        }
        boolean subset = n != m;
        if (qa.length > 0 && qb.length > 0) {
            NameToken x = qa[0];
            NameToken y = qb[0];
            if (x.female() != y.female()) {
                return NameComparison.different("patronymic gender differs: " + x.text() + " / " + y.text());
            }
            TokenLevel stem = compareKeys(x.stem(), y.stem());
            if (stem != TokenLevel.TRANSLITERATION_EQUAL) {
                // Same patronymic style in another reading (German -owitsch, scientific -ovič): compare whole tokens.
                TokenLevel whole = compareReadings(x, y);
                if (whole.ordinal() < stem.ordinal()) {
                    stem = whole;
                }
            }
            if (!stem.agrees() || stem == TokenLevel.INITIAL) {
                return NameComparison.different("patronymic differs: " + x.text() + " / " + y.text());
            }
            if (!x.text().equals(y.text()) && stem.ordinal() > worst.ordinal()) {
                worst = stem;
            } else if (!x.text().equals(y.text()) && worst == TokenLevel.EXACT) {
                worst = TokenLevel.TRANSLITERATION_EQUAL;
            }
        } else if (qa.length + qb.length > 0) {
            subset = true;
        }
        if (initials) {
            return new NameComparison(NameLevel.INITIALS, "agrees up to initials", matchedKeys, 0);
        }
        if (subset) {
            return new NameComparison(
                    NameLevel.TOKEN_SUBSET,
                    "all tokens of the shorter name agree; the other has more (middle name or patronymic)",
                    matchedKeys,
                    0);
        }
        switch (worst) {
            case EXACT:
                return new NameComparison(NameLevel.EXACT, "same name", matchedKeys, 0);
            case TRANSLITERATION_EQUAL:
                return new NameComparison(
                        NameLevel.TRANSLITERATION_EQUAL, "same name in another script or spelling", matchedKeys, 0);
            case TYPO:
                return new NameComparison(NameLevel.TYPO, "same name up to a typo", matchedKeys, 0);
            case PHONETIC:
                return new NameComparison(NameLevel.PHONETIC, "names sound alike", matchedKeys, 0);
            default:
                return new NameComparison(
                        NameLevel.RENDERING,
                        "same name as Russian renders a foreign name: " + renderings(pa, pb, levels, assignment, n),
                        matchedKeys,
                        0);
        }
    }

    /** What was matched to what in the tokens that agree only as a learned rendering ({@code didier ~ дидье (...)}). */
    private String renderings(NameToken[] pa, NameToken[] pb, TokenLevel[][] levels, int[] assignment, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int j = assignment[i];
            if (j < 0 || levels[i][j] != TokenLevel.RENDERING) {
                continue;
            }
            RenderingModel.Alignment a = renderingAgrees(pa[i], pb[j]);
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(pa[i].text()).append(" ~ ").append(pb[j].text());
            if (a != null) {
                out.append(String.format(java.util.Locale.ROOT, " (%s; %.1f bits)", a.describe(), a.cost()));
            }
        }
        return out.toString();
    }

    /**
     * An upper bound on how many token pairs an assignment over {@code levels} can make agree: the fewer of the rows
     * and the columns that hold at least one agreeing level.
     */
    private static int agreeingPairsAtMost(TokenLevel[][] levels, int n, int m) {
        int rows = 0;
        int columns = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (levels[i][j].agrees()) {
                    rows++;
                    break;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                if (levels[i][j].agrees()) {
                    columns++;
                    break;
                }
            }
        }
        return Math.min(rows, columns);
    }

    private static String unmatchedReason(
            NameToken[] pa, NameToken[] pb, TokenLevel[][] levels, int[] assignment, int n, int m) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (levels[i][j] == TokenLevel.GENDER_FORM) {
                    return "male and female forms of a surname: " + pa[i].text() + " / " + pb[j].text();
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (assignment[i] < 0) {
                return "no counterpart for " + pa[i].text();
            }
        }
        return "a token of the shorter name has no counterpart";
    }

    // Endings of Slavic, Kazakh and other surnames on the canonical key: a shared token ending like this is a family
    // name, and a family name with a birthday is a sibling or a twin (DESIGN.md: NO_MATCH), not a changed surname.
    private static final String[] SURNAME_ENDINGS = {
        "ov", "ev", "ova", "eva", "ina", "ski", "skii", "skiy", "skaya", "ska", "enko", "uk", "yuk", "ic", "uli", "kizi"
    };

    /**
     * The token that makes a rare-given-name agreement ({@link NameLevel#RARE_TOKEN}): both names have at least two
     * core tokens, some token has no counterpart in the other name (not merely another patronymic), no pair of tokens
     * is a male/female form of one surname, and some probe token agrees with a registry token at level EXACT,
     * TRANSLITERATION_EQUAL or RENDERING where the registry token is rare (at most {@code maxCount} registry entries
     * bear it: a stranger with that name shares a birthday with one of them with a chance of about
     * {@code maxCount / 20,000}, whatever the registry's size) and does not end like a surname. The rarest such
     * registry token, or {@code null}.
     *
     * <table>
     *   <caption>Edge cases</caption>
     *   <tr><th>probe / registry</th><th>result</th></tr>
     *   <tr><td>{@code Zhanylsyn Seitkali} / {@code Жаңылсын Тохтарова} (Zhanylsyn rare)</td><td>{@code жаңылсын}</td></tr>
     *   <tr><td>{@code Aleksandr Petrov} / {@code Александр Иванов} (Александр common)</td><td>{@code null}</td></tr>
     *   <tr><td>{@code Тохтарбеков Ерлан} / {@code Тохтарбеков Жандос} (a surname: siblings)</td><td>{@code null}</td></tr>
     *   <tr><td>{@code Zhanylsyn} / {@code Жаңылсын Тохтарова} (a single token)</td><td>{@code null}</td></tr>
     * </table>
     */
    NameToken sharedRareToken(ParsedName probe, ParsedName[] forms, TermFrequencies tf, int maxCount) {
        return sharedRareToken(probe, forms, tf, maxCount, 0);
    }

    /**
     * As {@link #sharedRareToken(ParsedName, ParsedName[], TermFrequencies, int)}, also accepting a token that agrees
     * only up to a typo or by sound (TYPO, PHONETIC: Tansombon / Тансомбун, Caliman / Кэлимэн) when at most
     * {@code typoMaxCount} registry entries bear it (0: never).
     */
    NameToken sharedRareToken(
            ParsedName probe, ParsedName[] forms, TermFrequencies tf, int maxCount, int typoMaxCount) {
        NameToken[] pa = probe.core();
        if (tf == null || pa.length < 2) {
            return null;
        }
        NameToken best = null;
        int bestCount = Integer.MAX_VALUE;
        for (ParsedName form : forms) {
            NameToken[] pb = form.core();
            if (pb.length < 2) {
                continue;
            }
            int n = Math.min(pa.length, MAX_TOKENS);
            int m = Math.min(pb.length, MAX_TOKENS);
            // Only when a token has no counterpart at all: names whose tokens all agree differ by their patronymics
            // (another father) or by a gender form (a brother or sister), and stay different.
            boolean genderForm = false;
            TokenLevel[][] levels = new TokenLevel[n][m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    levels[i][j] = compareTokens(pa[i], pb[j]);
                    genderForm |= levels[i][j] == TokenLevel.GENDER_FORM;
                }
            }
            if (genderForm || agreeingPairsAtMost(levels, n, m) >= Math.min(n, m)) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    NameToken t = pb[j];
                    if (t.initial() || surnameShaped(t.key()) || surnameShaped(pa[i].key())) {
                        continue;
                    }
                    int count = tf.count(t.key());
                    if (count > Math.max(maxCount, typoMaxCount) || count >= bestCount) {
                        continue;
                    }
                    TokenLevel level = levels[i][j];
                    boolean strong = level == TokenLevel.EXACT
                            || level == TokenLevel.TRANSLITERATION_EQUAL
                            || level == TokenLevel.RENDERING;
                    boolean weak = level == TokenLevel.TYPO || level == TokenLevel.PHONETIC;
                    if ((strong && count <= maxCount) || (weak && count <= typoMaxCount)) {
                        best = t;
                        bestCount = count;
                    }
                }
            }
        }
        return best;
    }

    static boolean surnameShaped(String key) {
        for (String ending : SURNAME_ENDINGS) {
            if (key.length() > ending.length() + 1 && key.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /** Token-level comparison. */
    TokenLevel compareTokens(NameToken x, NameToken y) {
        if (x.text().equals(y.text())) {
            return TokenLevel.EXACT;
        }
        if (x.initial() || y.initial()) {
            NameToken initial = x.initial() ? x : y;
            NameToken other = x.initial() ? y : x;
            if (other.initial()) {
                return initial.key().equals(other.key()) ? TokenLevel.TRANSLITERATION_EQUAL : TokenLevel.DIFFERENT;
            }
            return !initial.key().isEmpty()
                            && !other.key().isEmpty()
                            && (other.key().startsWith(initial.key())
                                    || other.key().charAt(0) == initial.key().charAt(0)
                                    || other.text().startsWith(initial.text()))
                    ? TokenLevel.INITIAL
                    : TokenLevel.DIFFERENT;
        }
        return compareReadings(x, y);
    }

    /**
     * Two full tokens: the canonical keys, the alternative readings of Latin tokens (scientific/chat and German, see
     * {@link CanonicalKey#scientific} and {@link CanonicalKey#german}), then typos measured on the keys, on the
     * readings, on the plain Latin spellings and, within one script, on the text itself (one edit in Cyrillic can be
     * two in a canonical key: {@code Ианов}/{@code Иванов} is {@code yanov}/{@code ivanov}). Symmetric by construction.
     */
    private TokenLevel compareReadings(NameToken x, NameToken y) {
        String a = x.key();
        String b = y.key();
        // Gender forms add letters (Иванов/Иванова); two same-script texts of equal length one edit apart are a
        // substitution or transposition typo (Екатеринн/Екатерина), even when their collapsed keys look like gender
        // forms.
        boolean gender = GenderForms.differOnlyByGender(a, b)
                && !(x.text().length() == y.text().length()
                        && x.text().length() >= typoMinLength
                        && EditDistance.distance(x.text(), y.text(), 2) <= 1);
        if (!gender) {
            if (a.equals(b)
                    || (!x.scientific().isEmpty() && x.scientific().equals(b))
                    || (!y.scientific().isEmpty() && y.scientific().equals(a))
                    || (!x.german().isEmpty() && x.german().equals(y.coarse()))
                    || (!y.german().isEmpty() && y.german().equals(x.coarse()))
                    || x.syllabic().contains(b)
                    || y.syllabic().contains(a)) {
                return TokenLevel.TRANSLITERATION_EQUAL;
            }
        }
        if (gender
                || (!x.scientific().isEmpty() && GenderForms.differOnlyByGender(x.scientific(), b))
                || (!y.scientific().isEmpty() && GenderForms.differOnlyByGender(a, y.scientific()))
                || (!x.german().isEmpty() && GenderForms.differOnlyByGender(x.german(), y.coarse()))
                || (!y.german().isEmpty() && GenderForms.differOnlyByGender(x.coarse(), y.german()))) {
            return TokenLevel.GENDER_FORM;
        }
        int shorter = Math.min(a.length(), b.length());
        if (shorter >= typoMinLength) {
            int maxEdits = shorter >= typoLongLength ? typoMaxEditsLong : typoMaxEditsShort;
            int limit = maxEdits + 1;
            int distance = EditDistance.distance(a, b, limit);
            // Text within one script, plain spellings across scripts (the other pairing is never closer).
            boolean sameScript = (x.text().charAt(0) >= '\u0400') == (y.text().charAt(0) >= '\u0400');
            if (distance <= maxEdits
                    || (sameScript
                            ? within(x.text(), y.text(), maxEdits)
                            : within(x.spelling(), y.spelling(), maxEdits))
                    || within(x.scientific(), b, maxEdits)
                    || within(a, y.scientific(), maxEdits)
                    || within(x.german(), y.coarse(), maxEdits)
                    || within(x.coarse(), y.german(), maxEdits)) {
                return TokenLevel.TYPO;
            }
            // Jaro-Winkler rescues near misses (e.g. two edits near the end of a long key) but is costly, so it only
            // runs when the edit distance is just over the limit.
            if (distance == limit && JARO_WINKLER.apply(a, b) >= typoJaroWinkler) {
                return TokenLevel.TYPO;
            }
        }
        if (x.phonetic().length() >= phoneticMinLength && x.phonetic().equals(y.phonetic())) {
            return TokenLevel.PHONETIC;
        }
        if (renderingAgreesAtAll(x, y)) {
            return TokenLevel.RENDERING;
        }
        return TokenLevel.DIFFERENT;
    }

    /**
     * The learned Russian rendering of a foreign name ({@link RenderingModel}): a Latin token and a Cyrillic token
     * agree when the cheapest alignment of the two, plus {@code name.rendering.shortPenalty} bits, costs at most
     * {@code name.rendering.maxCostPerSymbol} bits per framed symbol (the penalty weighs most on short tokens, where a
     * cheap alignment of two different names is likeliest). The alignment runs only when the Latin token's Russian reading (or its own key) is within
     * {@code name.rendering.gateEdits} edits of the Cyrillic token's key, which keeps it to plausible pairs: its own key
     * or one of its {@link NameToken#READINGS} most likely readings ({@link NameToken#readings}).
     *
     * @return the alignment, or {@code null} when the tokens do not agree this way (same script, no reading, too costly)
     */
    RenderingModel.Alignment renderingAgrees(NameToken x, NameToken y) {
        NameToken latin = renderingEnabled ? gatedLatin(x, y) : null;
        if (latin == null) {
            return null;
        }
        NameToken cyrillic = latin == x ? y : x;
        double budget = renderingBudget(latin, cyrillic);
        return budget <= 0 ? null : rendering.align(latin.frame(), cyrillic.frame(), budget);
    }

    /** Whether {@link #renderingAgrees} finds an alignment, without building it (the agreement test needs no path). */
    private boolean renderingAgreesAtAll(NameToken x, NameToken y) {
        NameToken latin = renderingEnabled ? gatedLatin(x, y) : null;
        if (latin == null) {
            return false;
        }
        NameToken cyrillic = latin == x ? y : x;
        double budget = renderingBudget(latin, cyrillic);
        return budget > 0 && rendering.alignsWithin(latin.frame(), cyrillic.frame(), budget);
    }

    private double renderingBudget(NameToken latin, NameToken cyrillic) {
        return renderingMaxCostPerSymbol
                        * (latin.frame().length() + cyrillic.frame().length())
                - renderingShortPenalty;
    }

    /** Whether a Latin and a Cyrillic token pass the rendering gate (for calibration tools). */
    boolean renderingGate(NameToken x, NameToken y) {
        return gatedLatin(x, y) != null;
    }

    /** The Latin one of a Latin and a Cyrillic token that pass the rendering gate, else {@code null}. */
    private NameToken gatedLatin(NameToken x, NameToken y) {
        if (x.frame().isEmpty() || y.frame().isEmpty()) {
            return null;
        }
        boolean xLatin = x.latinFrame();
        if (xLatin == y.latinFrame()) {
            return null;
        }
        NameToken latin = xLatin ? x : y;
        String target = (xLatin ? y : x).key();
        if (target.isEmpty()) {
            return null;
        }
        boolean near = close(latin.key(), target);
        for (int r = 0; !near && r < latin.readings().size(); r++) {
            near = close(latin.readings().get(r), target);
        }
        return near ? latin : null;
    }

    /** The rendering gate: a reading within {@code name.rendering.gateEdits} edits of the Cyrillic token's key. */
    private boolean close(String reading, String key) {
        return !reading.isEmpty()
                && Math.abs(reading.length() - key.length()) <= renderingGateEdits
                && EditDistance.distance(reading, key, renderingGateEdits) <= renderingGateEdits;
    }

    private static boolean within(String a, String b, int maxEdits) {
        return !a.isEmpty()
                && !b.isEmpty()
                && Math.abs(a.length() - b.length()) <= maxEdits
                && EditDistance.distance(a, b, maxEdits) <= maxEdits;
    }

    TokenLevel compareKeys(String a, String b) {
        return compareKeys(a, b, CanonicalKey.phonetic(a), CanonicalKey.phonetic(b));
    }

    private TokenLevel compareKeys(String a, String b, String phoneticA, String phoneticB) {
        if (a.equals(b)) {
            return TokenLevel.TRANSLITERATION_EQUAL;
        }
        if (GenderForms.differOnlyByGender(a, b)) {
            return TokenLevel.GENDER_FORM;
        }
        int shorter = Math.min(a.length(), b.length());
        if (shorter >= typoMinLength) {
            int maxEdits = shorter >= typoLongLength ? typoMaxEditsLong : typoMaxEditsShort;
            int distance = EditDistance.distance(a, b, maxEdits + 1);
            if (distance <= maxEdits) {
                return TokenLevel.TYPO;
            }
            // Jaro-Winkler rescues near misses (e.g. two edits near the end of a long key) but is costly, so it only
            // runs when the edit distance is just over the limit.
            if (distance == maxEdits + 1 && JARO_WINKLER.apply(a, b) >= typoJaroWinkler) {
                return TokenLevel.TYPO;
            }
        }
        if (phoneticA.length() >= phoneticMinLength && phoneticA.equals(phoneticB)) {
            return TokenLevel.PHONETIC;
        }
        return TokenLevel.DIFFERENT;
    }

    /** Best one-to-one assignment; {@code result[i]} is the token of b paired with a[i], or -1. */
    private static int[] assign(TokenLevel[][] levels, int n, int m) {
        long[][] memo = new long[n + 1][1 << m];
        for (long[] row : memo) {
            java.util.Arrays.fill(row, -1);
        }
        int[] result = new int[n];
        best(levels, 0, 0, n, m, memo);
        int mask = 0;
        for (int i = 0; i < n; i++) {
            long target = best(levels, i, mask, n, m, memo);
            result[i] = -1;
            if (best(levels, i + 1, mask, n, m, memo) == target) {
                continue;
            }
            for (int j = 0; j < m; j++) {
                if ((mask & (1 << j)) == 0 && levels[i][j].agrees()) {
                    long v = AGREE_BONUS
                            + SCORE[levels[i][j].ordinal()]
                            + best(levels, i + 1, mask | (1 << j), n, m, memo);
                    if (v == target) {
                        result[i] = j;
                        mask |= 1 << j;
                        break;
                    }
                }
            }
        }
        return result;
    }

    private static long best(TokenLevel[][] levels, int i, int mask, int n, int m, long[][] memo) {
        if (i == n) {
            return 0;
        }
        if (memo[i][mask] >= 0) {
            return memo[i][mask];
        }
        long v = best(levels, i + 1, mask, n, m, memo);
        for (int j = 0; j < m; j++) {
            if ((mask & (1 << j)) == 0 && levels[i][j].agrees()) {
                v = Math.max(
                        v,
                        AGREE_BONUS + SCORE[levels[i][j].ordinal()] + best(levels, i + 1, mask | (1 << j), n, m, memo));
            }
        }
        memo[i][mask] = v;
        return v;
    }
}
