package org.qorgau.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The matcher over one registry snapshot: candidate generation ({@link CandidateIndex}) then Fellegi–Sunter scoring
 * ({@link FellegiSunterScorer}). Immutable after construction and thread-safe. Does not log: names and dates of birth
 * must not reach logs.
 */
final class FellegiSunterMatcher implements Matcher {

    static final String ALGORITHM = "qorgau-fs/1.6";

    private static final Comparator<Match> STRONGEST_FIRST = Comparator.comparing(Match::verdict)
            .reversed()
            .thenComparing(Comparator.comparingDouble(Match::matchWeight).reversed())
            .thenComparing(Match::externalId);

    private final String version;
    private final FellegiSunterScorer scorer;
    private final String[] ids;
    private final ParsedName[][] forms;
    private final int[] dobs;
    private final long[] photoBits;
    private final int[] photoStart; // entry e's hashes are photoStart[e] .. photoStart[e + 1] - 1
    private final TermFrequencies tf;
    private final CandidateIndex index;
    // Entry e's name forms, flattened: at entryTokens[e], for each form its core token count m (at most
    // NameComparator.MAX_TOKENS, flagged WITH_PATRONYMIC when the name has one) followed by m token ids; ids index
    // tokens.
    private final int[] entryTokens;
    private final int[] tokenIds;
    private final NameToken[] tokens;
    // tokenCounts[id]: how many registry entries bear tokens[id]'s key (TermFrequencies#count), read in an array rather
    // than hashed for every candidate the rare-name check looks at; null without term frequencies.
    private final int[] tokenCounts;
    // sketches[id * TokenSketch.LONGS ...]: tokens[id]'s sketch, from which most token pairs that cannot agree are
    // told apart without reading the tokens (NameComparator#surelyDifferent)
    private final long[] sketches;
    private final Workspaces<Scratch> scratch;
    // The index's name items as token ids (-1: a token beyond the comparator's MAX_TOKENS, never compared alone).
    private final int[] itemTokenIds;
    // Token agreements remembered across screenings, for probe tokens equal to one of this index's (none for a delta
    // index, which is small and short-lived: a probe's screening against its base uses the base's).
    private final TokenPairs pairs;
    // A delta index's base: the base's token ids are this matcher's too (ids past them are the delta's own tokens), so
    // one memo of token agreement serves a probe's screening against both (screenOver). Null for a full index.
    private final FellegiSunterMatcher idBase;

    FellegiSunterMatcher(
            String version,
            FellegiSunterScorer scorer,
            String[] ids,
            ParsedName[][] forms,
            int[] dobs,
            long[] photoBits,
            int[] photoStart,
            TermFrequencies tf,
            CandidateIndex index,
            FellegiSunterMatcher idBase) {
        this.version = version;
        this.scorer = scorer;
        this.ids = ids;
        this.forms = forms;
        this.dobs = dobs;
        this.photoBits = photoBits;
        this.photoStart = photoStart;
        this.tf = tf;
        this.index = index;
        this.idBase = idBase;
        // Flatten every entry's core tokens into ids of distinct (interned) token objects, for the quick rejection.
        IdentityHashMap<NameToken, Integer> ids0 = new IdentityHashMap<>();
        List<NameToken> distinct = new ArrayList<>();
        if (idBase != null) {
            for (NameToken t : idBase.tokens) {
                ids0.put(t, distinct.size());
                distinct.add(t);
            }
        }
        this.entryTokens = new int[forms.length + 1];
        CandidateIndex.IntList flat = new CandidateIndex.IntList();
        for (int e = 0; e < forms.length; e++) {
            entryTokens[e] = flat.size();
            for (ParsedName form : forms[e]) {
                addForm(form.core(), form.patronymics().length > 0, ids0, distinct, flat);
                if (form.patronymics().length > 0) {
                    // The comparator may compare a patronymic as an ordinary token (a typo hid a probe's
                    // patronymic from the parser), so the quick rejection must see that form too.
                    NameToken[] all =
                            java.util.Arrays.copyOf(form.core(), form.core().length + form.patronymics().length);
                    System.arraycopy(form.patronymics(), 0, all, form.core().length, form.patronymics().length);
                    addForm(all, true, ids0, distinct, flat);
                }
            }
        }
        entryTokens[forms.length] = flat.size();
        this.tokenIds = flat.toArray();
        this.tokens = distinct.toArray(new NameToken[0]);
        int tokenCount = tokens.length;
        this.tokenCounts = tf == null ? null : countsOf(tokens, tf, idBase);
        this.sketches = sketchesOf(tokens, idBase);
        this.scratch = new Workspaces<>(Workspaces.DEFAULT_CAPACITY, () -> new Scratch(tokenCount));
        this.pairs = new TokenPairs(tokens, idBase == null ? TokenPairs.MAX_SLOTS : 0);
        this.itemTokenIds = new int[index.itemCount()];
        for (int i = 0; i < itemTokenIds.length; i++) {
            Integer id = ids0.get(index.itemToken(i));
            itemTokenIds[i] = id == null ? -1 : id;
        }
    }

    /** Each token's registry count; a delta index shares its base's frequencies and token ids, so it copies theirs. */
    private static int[] countsOf(NameToken[] tokens, TermFrequencies tf, FellegiSunterMatcher idBase) {
        int[] counts = new int[tokens.length];
        int from = 0;
        if (idBase != null && idBase.tf == tf && idBase.tokenCounts != null) {
            from = idBase.tokenCounts.length;
            System.arraycopy(idBase.tokenCounts, 0, counts, 0, from);
        }
        for (int id = from; id < tokens.length; id++) {
            counts[id] = tf.count(tokens[id].key());
        }
        return counts;
    }

    /** Each token's sketch; a delta index shares its base's token ids, so it copies theirs. */
    private static long[] sketchesOf(NameToken[] tokens, FellegiSunterMatcher idBase) {
        long[] out = new long[tokens.length * TokenSketch.LONGS];
        int from = 0;
        if (idBase != null) {
            from = idBase.tokens.length;
            System.arraycopy(idBase.sketches, 0, out, 0, from * TokenSketch.LONGS);
        }
        for (int id = from; id < tokens.length; id++) {
            TokenSketch.write(tokens[id], out, id * TokenSketch.LONGS);
        }
        return out;
    }

    private static void addForm(
            NameToken[] core,
            boolean withPatronymic,
            IdentityHashMap<NameToken, Integer> ids0,
            List<NameToken> distinct,
            CandidateIndex.IntList flat) {
        int m = Math.min(core.length, NameComparator.MAX_TOKENS);
        flat.add(withPatronymic ? m | WITH_PATRONYMIC : m);
        for (int j = 0; j < m; j++) {
            Integer id = ids0.get(core[j]);
            if (id == null) {
                id = distinct.size();
                distinct.add(core[j]);
                ids0.put(core[j], id);
            }
            flat.add(id);
        }
    }

    private static final NameToken[] NO_TOKENS = new NameToken[0];
    // A form's head in tokenIds: its token count, and this flag when the registry name has a patronymic.
    private static final int TOKEN_COUNT = 0xFFFF;
    private static final int WITH_PATRONYMIC = 1 << 16;

    /**
     * One probe's memo of token agreement, lent from {@link #scratch}: {@code codes[id] = generation << 9 | 256 |
     * mask}, where {@code mask} has bit {@code i} set when probe token {@code i} agrees with registry token {@code id}.
     */
    private static final class Scratch {
        final int[] codes;
        // the same for the probe's patronymics read as ordinary tokens, filled only where needed (see couldAgree)
        final int[] patronymicCodes;
        int generation;

        Scratch(int tokens) {
            codes = new int[tokens];
            patronymicCodes = new int[tokens];
        }

        int next() {
            if (++generation >= 1 << 22) {
                java.util.Arrays.fill(codes, 0);
                java.util.Arrays.fill(patronymicCodes, 0);
                generation = 1;
            }
            return generation;
        }
    }

    @Override
    public Screening screen(Probe probe) {
        return screenCounting(probe, null, Integer.MAX_VALUE);
    }

    @Override
    public Screening screen(Probe probe, int maxReported) {
        return screenCounting(probe, null, maxReported);
    }

    /**
     * When a screening may stop: once more than {@code max} entries would be reported, counting none of {@code hidden}
     * (entries a delta index answers for instead, {@link #screenOver}).
     */
    private record Stop(int max, java.util.Set<String> hidden) {
        static final Stop NEVER = new Stop(Integer.MAX_VALUE, java.util.Set.of());

        static Stop after(int max) {
            return max == Integer.MAX_VALUE ? NEVER : new Stop(max, java.util.Set.of());
        }

        /** Whether {@code m}, just found, is one match too many: the screening may stop. */
        boolean tooMany(Match m, int[] reported) {
            return !hidden.contains(m.externalId()) && ++reported[0] > max;
        }
    }

    /**
     * Screens like {@link #screen}; with {@code counts} also counts its work (for benchmarks and tests):
     * {@code counts[0]} += candidates the index proposed, {@code counts[1]} += candidates fully scored.
     */
    Screening screenCounting(Probe probe, long[] counts) {
        return screenCounting(probe, counts, Integer.MAX_VALUE);
    }

    private Screening screenCounting(Probe probe, long[] counts, int maxReported) {
        ParsedName name = PaddedName.distinct(ParsedName.parse(probe.fullName()));
        int dob = DateOfBirth.parse(probe.dateOfBirth());
        long[] photo = PhotoHash.parse(probe.photoHash());
        Stop stop = Stop.after(maxReported);
        return withJoinedReadings(name, maxReported, reading -> screenName(reading, dob, photo, counts, stop));
    }

    /**
     * The screening of {@code name}, merged with those of its readings with two adjacent tokens joined (a stray space
     * keyed into a word, Mitch Ell Berry for Mitchell Berry; {@link ParsedName#joinedReadings}): what only such a
     * reading finds is at most POSSIBLE_MATCH, and its explanation says so. When {@code name} itself reports more than
     * {@code maxReported} entries, its readings are not screened: they could only add more.
     */
    private static Screening withJoinedReadings(
            ParsedName name, int maxReported, java.util.function.Function<ParsedName, Screening> screen) {
        Screening screening = screen.apply(name);
        if (screening.matches().size() > maxReported) {
            return screening;
        }
        List<ParsedName> joined = PaddedName.isPadded(name) ? List.of() : name.joinedReadings();
        if (joined.isEmpty()) {
            return screening;
        }
        Map<String, Match> best = new java.util.LinkedHashMap<>();
        screening.matches().forEach(m -> best.put(m.externalId(), m));
        for (ParsedName reading : joined) {
            for (Match m : screen.apply(reading).matches()) {
                Match capped = joinedReading(m, reading);
                best.merge(capped.externalId(), capped, (a, b) -> STRONGEST_FIRST.compare(a, b) <= 0 ? a : b);
            }
        }
        return finish(new ArrayList<>(best.values()));
    }

    /** A match found only by reading the probe with two tokens joined: at most POSSIBLE_MATCH, explained. */
    private static Match joinedReading(Match m, ParsedName reading) {
        List<Evidence> evidence = new ArrayList<>(m.explanation().size());
        for (Evidence e : m.explanation()) {
            evidence.add(
                    e.field().equals("name")
                            ? new Evidence(
                                    e.field(),
                                    e.level(),
                                    e.weight(),
                                    e.detail() + " (probe read as " + reading + ": a space inside a word)")
                            : e);
        }
        Verdict verdict = m.verdict() == Verdict.MATCH ? Verdict.POSSIBLE_MATCH : m.verdict();
        return new Match(m.externalId(), verdict, m.probability(), m.matchWeight(), evidence);
    }

    private Screening screenName(ParsedName name, int dob, long[] photo, long[] counts, Stop stop) {
        Scratch memo = scratch.borrow();
        try {
            return screenName(name, dob, photo, counts, stop, memo, memo.next());
        } finally {
            scratch.release(memo);
        }
    }

    private Screening screenName(
            ParsedName name, int dob, long[] photo, long[] counts, Stop stop, Scratch memo, int generation) {
        int[] photoNear = {0};
        ProbeTokens probe = ProbeTokens.of(name, pairs);
        int[] candidates = index.candidates(name, dob, photo, itemFilter(probe, memo, generation), photoNear);
        if (counts != null) {
            counts[0] += candidates.length;
        }
        return collect(probe, dob, photo, candidates, photoNear[0], counts, stop, memo, generation);
    }

    /** Whether this is a delta index sharing {@code base}'s token ids ({@link #screenOver}). */
    boolean deltaOf(Matcher base) {
        return idBase != null && idBase == base;
    }

    /**
     * Screens {@code probe} against the base this delta index was built on ({@link #deltaOf}) and against this one,
     * as {@link LayeredMatcher} merges them, with one memo of token agreement for both: a registry token both indexes
     * hold is compared with the probe once. Each part may stop once more than {@code maxReported} of its entries that
     * the merge keeps would be reported ({@link Matcher#screen(Probe, int)}).
     */
    Screening screenOver(Probe probe, java.util.Set<String> hidden, int maxReported) {
        ParsedName name = PaddedName.distinct(ParsedName.parse(probe.fullName()));
        int dob = DateOfBirth.parse(probe.dateOfBirth());
        long[] photo = PhotoHash.parse(probe.photoHash());
        Stop baseStop = maxReported == Integer.MAX_VALUE ? Stop.NEVER : new Stop(maxReported, hidden);
        Stop deltaStop = Stop.after(maxReported);
        return withJoinedReadings(name, maxReported, reading -> {
            Scratch memo = scratch.borrow(); // sized for the base's token ids and this index's own
            try {
                int generation = memo.next();
                Screening fromBase = idBase.screenName(reading, dob, photo, null, baseStop, memo, generation);
                Screening fromDelta = screenName(reading, dob, photo, null, deltaStop, memo, generation);
                return LayeredMatcher.merge(fromBase, fromDelta, hidden);
            } finally {
                scratch.release(memo);
            }
        });
    }

    /**
     * Which of the index's name items agree with some probe token: the index brings the entries of the others only
     * when they were born on the probe's full date of birth (see {@link CandidateIndex}: a name agreement needs every
     * token of the shorter name, and a rare-token agreement the same full date). The comparison is the quick
     * rejection's own ({@link #couldAgree}), memoised for it. {@code null} (every item) for a padded probe, which is
     * compared token by token per candidate ({@link PaddedName}).
     */
    private IntPredicate itemFilter(ProbeTokens probe, Scratch memo, int generation) {
        if (PaddedName.isPadded(probe.name())) {
            return null;
        }
        return item -> {
            int id = itemTokenIds[item];
            if (id < 0) {
                return true;
            }
            return coreMask(probe, id, memo, generation) != 0
                    || (probe.patronymics().length > 0 && patronymicMask(probe, id, memo, generation) != 0);
        };
    }

    /**
     * A probe's name and its tokens as the quick rejection compares them with registry tokens, prepared once per
     * screening: its core tokens, its patronymics where the comparator may read them as ordinary tokens (Лоули ends like
     * -ұлы, Соколович like -ович; none when the core tokens already fill {@link NameComparator#MAX_TOKENS}), their
     * sketches ({@link TokenSketch}), and the ids of the index's tokens equal to them ({@link TokenPairs#idOf}).
     */
    private record ProbeTokens(
            ParsedName name,
            NameToken[] core,
            NameToken[] patronymics,
            TokenSketch.Probe[] coreSketches,
            TokenSketch.Probe[] patronymicSketches,
            int[] coreIds,
            int[] patronymicIds) {
        static ProbeTokens of(ParsedName name, TokenPairs pairs) {
            NameToken[] core = name.core();
            NameToken[] patronymics = core.length < NameComparator.MAX_TOKENS ? name.patronymics() : NO_TOKENS;
            return new ProbeTokens(
                    name,
                    core,
                    patronymics,
                    TokenSketch.Probe.of(core),
                    TokenSketch.Probe.of(patronymics),
                    pairs.idsOf(core),
                    pairs.idsOf(patronymics));
        }
    }

    /** Which of the probe's core tokens agree with registry token {@code id} ({@link #agreement}). */
    private int coreMask(ProbeTokens probe, int id, Scratch memo, int generation) {
        return agreement(memo.codes, probe.core(), probe.coreSketches(), probe.coreIds(), id, generation);
    }

    /** Which of the probe's patronymics, read as ordinary tokens, agree with registry token {@code id}. */
    private int patronymicMask(ProbeTokens probe, int id, Scratch memo, int generation) {
        return agreement(
                memo.patronymicCodes,
                probe.patronymics(),
                probe.patronymicSketches(),
                probe.patronymicIds(),
                id,
                generation);
    }

    /**
     * Which of {@code probeTokens} agree with registry token {@code id} ({@link NameComparator#agreeMask}), compared
     * once per screening: memoised in {@code codes} for {@code generation}; and where a probe token is one of the
     * index's ({@code probeIds}), once per pair of tokens ({@link #pairs}).
     */
    private int agreement(
            int[] codes,
            NameToken[] probeTokens,
            TokenSketch.Probe[] probeSketches,
            int[] probeIds,
            int id,
            int generation) {
        int code = codes[id];
        if (code >>> 9 != generation) {
            code = generation << 9
                    | 256
                    | scorer.names().agreeMask(probeTokens, probeSketches, probeIds, pairs, tokens, sketches, id);
            codes[id] = code;
        }
        return code & 255;
    }

    /** Scores every entry, bypassing the index: the reference the index's recall is measured against. */
    Screening screenAll(Probe probe) {
        int dob = DateOfBirth.parse(probe.dateOfBirth());
        long[] photo = PhotoHash.parse(probe.photoHash());
        return withJoinedReadings(
                PaddedName.distinct(ParsedName.parse(probe.fullName())),
                Integer.MAX_VALUE,
                name -> screenAll(name, dob, photo));
    }

    private Screening screenAll(ParsedName name, int dob, long[] photo) {
        List<Match> matches = new ArrayList<>();
        Map<NameToken, NameComparator.TokenLevel[]> cache = new IdentityHashMap<>();
        boolean padded = PaddedName.isPadded(name);
        for (int e = 0; e < ids.length; e++) {
            Match m = padded
                    ? score(true, PaddedName.focus(scorer.names(), name, forms[e], cache), dob, photo, e, null)
                    : score(true, name, dob, photo, e, cache);
            if (m != null && m.verdict() != Verdict.NO_MATCH) {
                matches.add(m);
            }
        }
        return finish(matches);
    }

    /**
     * As {@link #screenAll}, every entry passing through the scorer's quick rejection only (which drops what the scorer
     * would drop): brute force fast enough for whole evaluation suites.
     */
    Screening screenAllQuick(Probe probe) {
        int dob = DateOfBirth.parse(probe.dateOfBirth());
        long[] photo = PhotoHash.parse(probe.photoHash());
        return withJoinedReadings(
                PaddedName.distinct(ParsedName.parse(probe.fullName())),
                Integer.MAX_VALUE,
                name -> screenAllQuick(name, dob, photo));
    }

    private Screening screenAllQuick(ParsedName name, int dob, long[] photo) {
        int[] all = new int[ids.length];
        for (int e = 0; e < all.length; e++) {
            all[e] = e;
        }
        Scratch memo = scratch.borrow();
        try {
            int generation = memo.next();
            return collect(ProbeTokens.of(name, pairs), dob, photo, all, -1, null, Stop.NEVER, memo, generation);
        } finally {
            scratch.release(memo);
        }
    }

    /** Scores one entry whatever its verdict (for explanations and tests). */
    Match scoreEntry(Probe probe, int entry) {
        ParsedName name = PaddedName.distinct(ParsedName.parse(probe.fullName()));
        return score(
                false,
                PaddedName.isPadded(name)
                        ? PaddedName.focus(scorer.names(), name, forms[entry], new IdentityHashMap<>())
                        : name,
                DateOfBirth.parse(probe.dateOfBirth()),
                PhotoHash.parse(probe.photoHash()),
                entry,
                null);
    }

    /**
     * Scores the candidates that may be reported. {@code photoNear}: how many leading candidates have a photo hash within
     * reach of the probe's, the others none ({@link CandidateIndex#candidates(ParsedName, int, long[], IntPredicate,
     * int[])}); -1 when unknown (every entry, brute force), and each candidate's hashes are then compared. Stops at the
     * first match one too many for {@code stop}: a screening that reports more entries than a caller may disclose is
     * refused whatever the rest, and a registry name shared by thousands of entries born in one year (a common name
     * with a year of birth only) would otherwise cost some forty times a usual screening.
     */
    private Screening collect(
            ProbeTokens probe,
            int dob,
            long[] photo,
            int[] candidates,
            int photoNear,
            long[] counts,
            Stop stop,
            Scratch memo,
            int generation) {
        ParsedName name = probe.name();
        List<Match> matches = new ArrayList<>();
        Map<NameToken, NameComparator.TokenLevel[]> cache = new IdentityHashMap<>();
        NameComparator names = scorer.names();
        int[] reported = {0};
        if (PaddedName.isPadded(name)) {
            // more tokens than the comparator pairs: focus the probe on each candidate's own tokens (PaddedName)
            if (counts != null) {
                counts[1] += candidates.length;
            }
            for (int e : candidates) {
                Match m = score(true, PaddedName.focus(names, name, forms[e], cache), dob, photo, e, null);
                if (m != null && m.verdict() != Verdict.NO_MATCH) {
                    matches.add(m);
                    if (stop.tooMany(m, reported)) {
                        break;
                    }
                }
            }
            return finish(matches);
        }
        // The memo holds agreement masks over the probe's core tokens followed by its patronymics read as ordinary
        // tokens (ProbeTokens).
        int core = Math.min(name.core().length, NameComparator.MAX_TOKENS);
        int all = Math.min(core + probe.patronymics().length, NameComparator.MAX_TOKENS);
        // The candidates are spread over arrays far larger than the processor's caches. Each pass below reads one thing
        // for every candidate (its date and token list, then its forms' shapes) before any is compared: the loads are
        // independent, so the processor overlaps their cache misses, where a loop doing everything per candidate would
        // wait for each in turn. At 1,000,000 entries this takes about a sixth off a screening.
        int n = candidates.length;
        int[] starts = new int[n];
        int[] ends = new int[n];
        int[] candidateDobs = new int[n];
        for (int i = 0; i < n; i++) {
            int e = candidates[i];
            starts[i] = entryTokens[e];
            ends[i] = entryTokens[e + 1];
            candidateDobs[i] = dobs[e];
        }
        boolean[] shaped = new boolean[n];
        for (int i = 0; i < n; i++) {
            shaped[i] = someFormMayAgree(core, all, starts[i], ends[i]);
        }
        for (int i = 0; i < n; i++) {
            int e = candidates[i];
            // Most candidates share one common token with the probe: reject them before the full comparison (and its
            // explanation strings) when the name cannot agree and no photo can be a near-duplicate. The scorer would
            // return null for them (skipObviousNonMatches), so the result is unchanged.
            if (!(shaped[i] && couldAgree(probe, core, all, starts[i], ends[i], memo, generation))
                    && !(photoNear < 0 ? photoWithinReach(photo, e) : i < photoNear)
                    && !(FellegiSunterScorer.rareTokenDate(dob, candidateDobs[i])
                            && anyRareTokenAgrees(
                                    e, scorer.rareTokenAnyMaxCount(dob == candidateDobs[i]), memo, generation))) {
                continue;
            }
            if (counts != null) {
                counts[1]++;
            }
            Match m = score(true, name, dob, photo, e, cache);
            if (m != null && m.verdict() != Verdict.NO_MATCH) {
                matches.add(m);
                if (stop.tooMany(m, reported)) {
                    break;
                }
            }
        }
        return finish(matches);
    }

    /**
     * Whether some name form in an entry's token list ({@code tokenIds[start, end)}) could reach a name level other
     * than DIFFERENT. {@code false} guarantees that {@link NameComparator#compareBest} returns DIFFERENT: a name is
     * empty, exactly one side has a single token, or fewer probe tokens or fewer registry tokens have an agreeing
     * counterpart than the shorter name has tokens (the quick rejection the comparator itself starts with), also with
     * the probe's patronymics read as ordinary tokens against a registry name with more core tokens (where the
     * comparator retries so: Лоули, Соколович are surnames that end like patronymics). Allocation-free; each distinct
     * token is compared once per screening. {@code core} and {@code n} are the probe's core tokens and its tokens with
     * the patronymics, as many as are compared, the counts {@link #someFormMayAgree} found a form for (so {@code n > 0}).
     */
    private boolean couldAgree(ProbeTokens probe, int core, int n, int start, int end, Scratch memo, int generation) {
        int p = start;
        while (p < end) {
            int head = tokenIds[p++];
            int m = head & TOKEN_COUNT;
            int formEnd = p + m;
            int shorterCore = Math.min(core, m);
            int shorterAll = Math.min(n, m);
            boolean coreMayAgree = coreMayAgree(core, m);
            boolean allMayAgree = allMayAgree(core, n, head);
            if (m == 0 || (!coreMayAgree && !allMayAgree)) {
                p = formEnd;
                continue;
            }
            int rowMask = 0;
            int columns = 0;
            int coreColumns = 0;
            for (; p < formEnd; p++) {
                int id = tokenIds[p];
                int mask = coreMask(probe, id, memo, generation);
                if (mask != 0) {
                    coreColumns++;
                }
                if (allMayAgree) {
                    mask |= (patronymicMask(probe, id, memo, generation) << core) & 255;
                }
                rowMask |= mask;
                if (mask != 0) {
                    columns++;
                }
            }
            int coreBits = (1 << core) - 1;
            if (coreMayAgree && Math.min(Integer.bitCount(rowMask & coreBits), coreColumns) >= shorterCore) {
                return true;
            }
            if (allMayAgree && Math.min(Integer.bitCount(rowMask), columns) >= shorterAll) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether some form in a registry token list ({@code tokenIds[start, end)}) has a shape {@link #couldAgree} compares
     * at all, for a probe of {@code core} core tokens and {@code n} with its patronymics: read from the forms' heads
     * alone, no token compared.
     */
    private boolean someFormMayAgree(int core, int n, int start, int end) {
        for (int p = start; p < end; ) {
            int head = tokenIds[p];
            int m = head & TOKEN_COUNT;
            if (m > 0 && (coreMayAgree(core, m) || allMayAgree(core, n, head))) {
                return true;
            }
            p += 1 + m;
        }
        return false;
    }

    /**
     * Whether a registry form of {@code m} core tokens may agree with a probe of {@code core} core tokens: both names
     * have tokens, and a single token is not compared with several.
     */
    private static boolean coreMayAgree(int core, int m) {
        return core > 0 && !(Math.min(core, m) == 1 && Math.max(core, m) > 1);
    }

    /**
     * Whether a registry form ({@code head}: its token count and patronymic flag) may agree with the probe's {@code n}
     * tokens, its patronymics read as ordinary tokens: the comparator reads them so only against a registry name
     * without a patronymic and with more core tokens than the probe's {@code core} ({@code NameComparator.compareParsed}).
     */
    private static boolean allMayAgree(int core, int n, int head) {
        int m = head & TOKEN_COUNT;
        return n > core && m > core && (head & WITH_PATRONYMIC) == 0 && !(Math.min(n, m) == 1 && Math.max(n, m) > 1);
    }

    /**
     * Whether some probe token agrees with a token of entry {@code e} that at most {@code maxCount} registry entries
     * bear (after {@link #couldAgree} filled the memo for this entry): with an equal full date of birth, or one
     * recording error apart ({@link FellegiSunterScorer#rareTokenDate}), the scorer may then find a rare given name in
     * common ({@link NameLevel#RARE_TOKEN}); a common token never makes one, so the entry is not scored for it.
     */
    private boolean anyRareTokenAgrees(int e, int maxCount, Scratch memo, int generation) {
        if (maxCount <= 0 || tf == null) {
            return false;
        }
        for (int p = entryTokens[e]; p < entryTokens[e + 1]; ) {
            int m = tokenIds[p++] & TOKEN_COUNT;
            for (int end = p + m; p < end; p++) {
                int id = tokenIds[p];
                int code = memo.codes[id];
                if (code >>> 9 == generation && (code & 255) != 0 && tokenCounts[id] <= maxCount) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether one of entry {@code e}'s photo hashes is within PDQ's match threshold of the probe's. */
    private boolean photoWithinReach(long[] photo, int e) {
        if (photo == null) {
            return false;
        }
        for (int h = photoStart[e]; h < photoStart[e + 1]; h++) {
            if (PhotoHash.distance(photo, 0, photoBits, h * 4) <= PhotoComparator.MAX_DISTANCE) {
                return true;
            }
        }
        return false;
    }

    private static Screening finish(List<Match> matches) {
        if (matches.isEmpty()) {
            return Screening.none();
        }
        matches.sort(STRONGEST_FIRST);
        return new Screening(matches.get(0).verdict(), matches);
    }

    private Match score(
            boolean skip,
            ParsedName name,
            int dob,
            long[] photo,
            int e,
            Map<NameToken, NameComparator.TokenLevel[]> cache) {
        return scorer.score(
                skip,
                ids[e],
                name,
                dob,
                photo,
                forms[e],
                dobs[e],
                photoBits,
                photoStart[e],
                photoStart[e + 1],
                tf,
                cache);
    }

    /** The entry number of an external id, or -1 (for diagnostics; a linear scan). */
    int entryOf(String externalId) {
        for (int e = 0; e < ids.length; e++) {
            if (ids[e].equals(externalId)) {
                return e;
            }
        }
        return -1;
    }

    /**
     * Token by token, how a probe's core tokens compare with entry {@code e}'s (for diagnostics): the token level, the
     * registry token's count in the registry and whether either token is surname-shaped (excluded from a rare-name
     * agreement).
     */
    String tokenDiagnosis(Probe probe, int e) {
        ParsedName name = PaddedName.distinct(ParsedName.parse(probe.fullName()));
        StringBuilder sb = new StringBuilder();
        for (ParsedName form : forms[e]) {
            for (NameToken x : name.core()) {
                for (NameToken y : form.core()) {
                    sb.append(' ')
                            .append(x.key())
                            .append('~')
                            .append(y.key())
                            .append('=')
                            .append(scorer.names().compareTokens(x, y))
                            .append('#')
                            .append(tf == null ? -1 : tf.count(y.key()))
                            .append(
                                    NameComparator.surnameShaped(x.key()) || NameComparator.surnameShaped(y.key())
                                            ? "(sn)"
                                            : "");
                }
            }
            sb.append(" |");
        }
        return sb.toString();
    }

    /** The entries the index proposes for a parsed probe name (for diagnostics). */
    int[] candidates(ParsedName name, Probe probe) {
        Scratch memo = scratch.borrow();
        try {
            return index.candidates(
                    name,
                    DateOfBirth.parse(probe.dateOfBirth()),
                    PhotoHash.parse(probe.photoHash()),
                    itemFilter(ProbeTokens.of(name, pairs), memo, memo.next()));
        } finally {
            scratch.release(memo);
        }
    }

    /** Number of candidates the index proposes for a probe (for tests and benchmarks). */
    int candidateCount(Probe probe) {
        return candidates(PaddedName.distinct(ParsedName.parse(probe.fullName())), probe).length;
    }

    @Override
    public String engineVersion() {
        return version;
    }

    /** The registry's name-token frequencies this matcher weighs with (shared with delta matchers). */
    TermFrequencies termFrequencies() {
        return tf;
    }

    /** This index's distinct registry tokens by their text, to intern a delta index's tokens as these. */
    Map<String, NameToken> tokensByText() {
        Map<String, NameToken> byText = new java.util.HashMap<>(tokens.length * 2);
        for (NameToken t : tokens) {
            byText.putIfAbsent(t.text(), t);
        }
        return byText;
    }

    @Override
    public int size() {
        return ids.length;
    }
}
