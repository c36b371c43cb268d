package org.qorgau.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores one probe against one registry entry (Fellegi–Sunter: log2(m/u) per field, summed) and decides the verdict.
 *
 * <p>Verdict rules. The weight thresholds come from the parameters; the conditions are hard rules on top of them, so
 * no choice of weights can make a name alone a MATCH:
 *
 * <table>
 *   <caption>Decision</caption>
 *   <tr><th>verdict</th><th>when</th></tr>
 *   <tr><td>MATCH</td><td>name agrees (EXACT..TOKEN_SUBSET) and the date is EXACT or a plausible recording error
 *       (day/month swap, one digit, year ±1) and the weight reaches {@code verdict.match.minWeight}, both dates being
 *       full (a year-only or year-month date on either side gives at most POSSIBLE_MATCH), and the date EXACT if
 *       the name is common (its term-frequency u at the cap {@code name.tf.maxU}; a date error on a common name gives
 *       at most POSSIBLE_MATCH)</td></tr>
 *   <tr><td>MATCH</td><td>photo near-duplicate (≤ 31 bits) and (name agrees or the date is EXACT/SAME_PARTIAL)</td></tr>
 *   <tr><td>POSSIBLE_MATCH</td><td>photo near-duplicate, nothing else agreeing</td></tr>
 *   <tr><td>POSSIBLE_MATCH</td><td>name agrees or agrees by initials, the date does not contradict (it may be
 *       partial or missing), and the weight reaches {@code verdict.possible.minWeight}</td></tr>
 *   <tr><td>POSSIBLE_MATCH</td><td>name agrees or agrees by initials and only the birth year (or year and month) is
 *       known and agrees, whatever the weight</td></tr>
 *   <tr><td>POSSIBLE_MATCH</td><td>the names differ but a rare given name agrees ({@link NameLevel#RARE_TOKEN}:
 *       at most {@code name.rareToken.maxCount} registry entries bear it, not surname-shaped) and both full dates of
 *       birth are EXACT, whatever the weight (a changed or second surname)</td></tr>
 *   <tr><td>POSSIBLE_MATCH</td><td>the same with both full dates one recording error apart (DAY_MONTH_SWAP or
 *       ONE_DIGIT_TYPO) when the name is rarer still: at most {@code name.rareToken.nearDateMaxCount} registry
 *       entries bear it, whatever the weight</td></tr>
 *   <tr><td>POSSIBLE_MATCH</td><td>the same two rules when the rare name agrees only up to a typo or by sound (TYPO,
 *       PHONETIC), with their own counts {@code name.rareToken.typoMaxCount} (equal dates) and
 *       {@code name.rareToken.typoNearDateMaxCount} (one recording error apart)</td></tr>
 *   <tr><td>NO_MATCH</td><td>everything else: in particular a namesake with an unrelated date of birth, and a
 *       sibling (same surname and birthday, different given name)</td></tr>
 * </table>
 */
public final class FellegiSunterScorer {

    private final NameComparator names;
    private final PhotoComparator photos;
    private final double[] nameWeight = new double[NameLevel.values().length];
    private final double[] nameM = new double[NameLevel.values().length];
    private final double[] dateWeight = new double[DateLevel.values().length];
    private final double[] photoWeight = new double[PhotoLevel.values().length];
    private final boolean tfEnabled;
    private final double tfMinU;
    private final double tfMaxU;
    private final double prior;
    private final double matchThreshold;
    private final double possibleThreshold;
    private final boolean rareTokenEnabled;
    private final int rareTokenMaxCount;
    private final int rareTokenNearDateMaxCount;
    private final int rareTokenTypoMaxCount;
    private final int rareTokenTypoNearDateMaxCount;

    public FellegiSunterScorer(MatchingParameters p) {
        this.names = new NameComparator(p);
        this.photos = new PhotoComparator(p);
        for (NameLevel l : NameLevel.values()) {
            nameM[l.ordinal()] = p.m("name", l.name());
            nameWeight[l.ordinal()] = log2(p.m("name", l.name()) / p.u("name", l.name()));
        }
        for (DateLevel l : DateLevel.values()) {
            dateWeight[l.ordinal()] = log2(p.m("dateOfBirth", l.name()) / p.u("dateOfBirth", l.name()));
        }
        for (PhotoLevel l : PhotoLevel.values()) {
            photoWeight[l.ordinal()] =
                    l == PhotoLevel.NO_EVIDENCE ? 0 : log2(p.m("photo", l.name()) / p.u("photo", l.name()));
        }
        this.tfEnabled = Boolean.parseBoolean(p.getString("name.tf.enabled"));
        this.tfMinU = p.get("name.tf.minU");
        this.tfMaxU = p.get("name.tf.maxU");
        this.prior = p.get("prior.log2Odds");
        this.matchThreshold = p.get("verdict.match.minWeight");
        this.possibleThreshold = p.get("verdict.possible.minWeight");
        this.rareTokenEnabled = Boolean.parseBoolean(p.getString("name.rareToken.enabled"));
        this.rareTokenMaxCount = p.getInt("name.rareToken.maxCount");
        this.rareTokenNearDateMaxCount = p.getInt("name.rareToken.nearDateMaxCount");
        this.rareTokenTypoMaxCount = p.getInt("name.rareToken.typoMaxCount");
        this.rareTokenTypoNearDateMaxCount = p.getInt("name.rareToken.typoNearDateMaxCount");
    }

    NameComparator names() {
        return names;
    }

    /**
     * The most registry entries that may bear a rare given name ({@link NameLevel#RARE_TOKEN}) on an equal full date of
     * birth ({@code exactDate}) or on one a recording error apart; 0 when the rule is off.
     */
    int rareTokenMaxCount(boolean exactDate) {
        if (!rareTokenEnabled) {
            return 0;
        }
        return exactDate ? rareTokenMaxCount : rareTokenNearDateMaxCount;
    }

    /**
     * The most registry entries that may bear a rare name agreeing only up to a typo or by sound (TYPO, PHONETIC) for
     * {@link NameLevel#RARE_TOKEN}, on an equal full date or one a recording error apart; 0 when the rule is off.
     */
    int rareTokenTypoMaxCount(boolean exactDate) {
        if (!rareTokenEnabled) {
            return 0;
        }
        return exactDate ? rareTokenTypoMaxCount : rareTokenTypoNearDateMaxCount;
    }

    /** The most registry entries that may bear a token the rare-name rule can use on such a date (quick rejection). */
    int rareTokenAnyMaxCount(boolean exactDate) {
        return Math.max(rareTokenMaxCount(exactDate), rareTokenTypoMaxCount(exactDate));
    }

    /**
     * A scored pair: the match to report (its verdict may be NO_MATCH). With {@code skipObviousNonMatches}, returns
     * {@code null} as soon as the names disagree and no photo is close: the verdict rules make that NO_MATCH whatever
     * the date, so most candidates cost one name comparison.
     */
    Match score(
            boolean skipObviousNonMatches,
            String externalId,
            ParsedName probeName,
            int probeDob,
            long[] probePhoto,
            ParsedName[] forms,
            int entryDob,
            long[] entryPhotos,
            int photoFrom,
            int photoTo,
            TermFrequencies tf,
            java.util.Map<NameToken, NameComparator.TokenLevel[]> tokenCache) {
        NameComparison name = names.compareBest(probeName, forms, tokenCache);
        PhotoComparison photo = null;
        if (probePhoto != null && photoTo > photoFrom) {
            int best = Integer.MAX_VALUE;
            for (int h = photoFrom; h < photoTo; h++) {
                best = Math.min(best, PhotoHash.distance(probePhoto, 0, entryPhotos, h * 4));
            }
            photo = photos.compare(best);
        }
        DateComparison date = null;
        if (name.level() == NameLevel.DIFFERENT && rareTokenEnabled && rareTokenDate(probeDob, entryDob)) {
            // A rare given name and the same full date of birth, or one recording error apart for a rarer name, the
            // other name differing (marriage, a changed or second surname): evidence for review (see sharedRareToken).
            int maxCount = rareTokenMaxCount(probeDob == entryDob);
            int typoMaxCount = rareTokenTypoMaxCount(probeDob == entryDob);
            NameToken rare = maxCount > 0 || typoMaxCount > 0
                    ? names.sharedRareToken(probeName, forms, tf, maxCount, typoMaxCount)
                    : null;
            if (rare != null) {
                name = new NameComparison(
                        NameLevel.RARE_TOKEN,
                        String.format(
                                Locale.ROOT,
                                "only the rare name %s agrees (%d in registry); the other names differ",
                                rare.text(),
                                tf.count(rare.key())),
                        List.of(rare.key()),
                        name.form());
            }
        }
        if (skipObviousNonMatches
                && name.level() == NameLevel.DIFFERENT
                && (photo == null || !photo.level().nearDuplicate())) {
            return null;
        }
        date = DateComparator.compare(probeDob, entryDob);

        List<Evidence> evidence = new ArrayList<>(3);
        double wName = nameWeight[name.level().ordinal()];
        String nameDetail = name.detail();
        boolean commonName = false;
        if (tfEnabled && isTermFrequencyLevel(name.level()) && tf != null) {
            double u = Math.max(tfMinU, Math.min(tfMaxU, tf.product(name.matchedKeys())));
            commonName = u >= tfMaxU;
            wName = log2(nameM[name.level().ordinal()] / u);
            nameDetail += String.format(Locale.ROOT, " (name frequency in registry %.2g)", u);
        }
        if (name.form() > 0) {
            nameDetail += " (registry alias " + name.form() + ")";
        }
        evidence.add(new Evidence("name", name.level().name(), round(wName), nameDetail));
        double wDate = dateWeight[date.level().ordinal()];
        evidence.add(new Evidence("dateOfBirth", date.level().name(), round(wDate), date.detail()));
        double wPhoto = 0;
        if (photo != null) {
            wPhoto = photoWeight[photo.level().ordinal()];
            evidence.add(new Evidence("photo", photo.level().name(), round(wPhoto), photo.detail()));
        }
        double weight = wName + wDate + wPhoto;
        PhotoLevel photoLevel = photo == null ? PhotoLevel.NO_EVIDENCE : photo.level();
        Verdict verdict = decide(name.level(), date.level(), photoLevel, weight);
        if (verdict == Verdict.MATCH
                && !photoLevel.nearDuplicate()
                && (DateOfBirth.day(probeDob) == 0 || DateOfBirth.day(entryDob) == 0)) {
            // Only a year (or year and month) is known on one side: a person must review (docs/design.md), also when
            // that year is one digit or one year off the other side's.
            verdict = Verdict.POSSIBLE_MATCH;
        }
        if (verdict == Verdict.MATCH && !photoLevel.nearDuplicate() && commonName && date.level() != DateLevel.EXACT) {
            // Verdict rules (docs/design.md): a date that differs by a typo-like error on a common name (term frequency
            // at the cap name.tf.maxU) is a case for review, whatever the weights.
            verdict = Verdict.POSSIBLE_MATCH;
        }
        double probability = 1.0 / (1.0 + Math.pow(2, -(prior + weight)));
        return new Match(externalId, verdict, probability, round(weight), evidence);
    }

    /** The verdict rules (see class Javadoc). */
    Verdict decide(NameLevel name, DateLevel date, PhotoLevel photo, double weight) {
        return decide(name, date, photo, weight, matchThreshold, possibleThreshold);
    }

    /** The verdict rules with the given thresholds (used by the tool {@code ParameterEstimator} to choose them). */
    static Verdict decide(
            NameLevel name,
            DateLevel date,
            PhotoLevel photo,
            double weight,
            double matchThreshold,
            double possibleThreshold) {
        boolean nameAgrees = name.agrees();
        if (photo.nearDuplicate()) {
            if (nameAgrees || date == DateLevel.EXACT || date == DateLevel.SAME_PARTIAL) {
                return Verdict.MATCH;
            }
            return Verdict.POSSIBLE_MATCH;
        }
        if (nameAgrees && date.plausible() && weight >= matchThreshold) {
            return Verdict.MATCH;
        }
        if ((nameAgrees || name == NameLevel.INITIALS) && date.compatible() && weight >= possibleThreshold) {
            return Verdict.POSSIBLE_MATCH;
        }
        // Only the birth year (or year and month) is known and it agrees: a person must review, however common the
        // name (docs/design.md, Verdict rules). score() also caps a partial date's MATCH at POSSIBLE_MATCH.
        if ((nameAgrees || name == NameLevel.INITIALS) && date == DateLevel.SAME_PARTIAL) {
            return Verdict.POSSIBLE_MATCH;
        }
        // A rare given name with the same full date of birth, or one recording error apart (score() finds RARE_TOKEN
        // on such a date only for a name at most name.rareToken.nearDateMaxCount entries bear): a safeguarding lead
        // reviews, whatever the weight; never more (a name alone is never a MATCH, and the other name differs).
        if (name == NameLevel.RARE_TOKEN
                && (date == DateLevel.EXACT || date == DateLevel.DAY_MONTH_SWAP || date == DateLevel.ONE_DIGIT_TYPO)) {
            return Verdict.POSSIBLE_MATCH;
        }
        return Verdict.NO_MATCH;
    }

    /**
     * Whether two dates of birth may carry a rare-name agreement ({@link NameLevel#RARE_TOKEN}): both full and equal,
     * or one recording error apart (day and month swapped, one digit wrong or two transposed). Also the test of the
     * quick rejections that must let such an entry through to the scorer ({@code FellegiSunterMatcher},
     * {@code ChangeFilter}).
     *
     * <table>
     *   <caption>Edge cases</caption>
     *   <tr><th>a, b</th><th>result</th></tr>
     *   <tr><td>1980-05-03, 1980-05-03</td><td>true</td></tr>
     *   <tr><td>1980-05-03, 1980-03-05 (swap) or 1980-05-08 (one digit)</td><td>true</td></tr>
     *   <tr><td>1980-05-03, 1979-05-03 (year ±1, two digits)</td><td>false</td></tr>
     *   <tr><td>1980, 1980-05-03 (partial), missing, anything</td><td>false</td></tr>
     * </table>
     */
    static boolean rareTokenDate(int a, int b) {
        if (a == DateOfBirth.MISSING
                || b == DateOfBirth.MISSING
                || DateOfBirth.day(a) == 0
                || DateOfBirth.day(b) == 0) {
            return false;
        }
        if (a == b) {
            return true;
        }
        DateLevel level = DateComparator.level(a, b);
        return level == DateLevel.DAY_MONTH_SWAP || level == DateLevel.ONE_DIGIT_TYPO;
    }

    private static boolean isTermFrequencyLevel(NameLevel level) {
        return level == NameLevel.EXACT || level == NameLevel.TRANSLITERATION_EQUAL || level == NameLevel.TOKEN_SUBSET;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double round(double w) {
        return Math.round(w * 1000) / 1000.0;
    }
}
