package org.qorgau.matching;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which probes the engine could match with one of a few registry entries, answered without scoring: for code that must
 * find, among many probes, the few a registry change can concern (continuous monitoring re-screens only those).
 *
 * <p>A matcher over these entries reports an entry only when its candidate stage retrieves it and its quick rejection
 * lets it through ({@code FellegiSunterMatcher}, {@link CandidateIndex}): retrieved are the entries of the name items
 * (distinct tokens) that share a key with the probe and agree with a probe token, and of the other such items those
 * born on the probe's full date of birth, and entries with a photo within reach; let through are those with a form
 * whose agreeing tokens cover the shorter name, or an equal full date and one agreeing token, or a near photo — and of
 * the name candidates only those whose date does not contradict. {@link #mayMatch} asks the same questions, more
 * loosely where that is simpler (agreement counted over the probe's core and patronymic tokens together), so it answers
 * {@code false} only for a probe the matcher would answer NO_MATCH for every one of these entries; a probe it answers
 * {@code true} for must still be screened. A name longer than the comparator reads is always {@code true}.
 *
 * <p>The token comparisons are the matcher's own ({@link NameComparator}), remembered across probes: probes share
 * given names and surnames, so each distinct pair of tokens is compared once per filter. Thread-safe.
 */
public final class ChangeFilter {

    /**
     * A probe prepared once: its parsed name, its name keys (hashed), its date of birth with the ranges of dates that
     * may not contradict it ({@link DateComparator#compatibleRanges}), and its photo. Immutable.
     */
    public record Person(ParsedName name, long[] keys, int dob, int[] ranges, long[] photo) {}

    /** Postings up to this long are read whole rather than searched by date range. */
    private static final int LINEAR_SCAN = 48;

    /** Memo rows stop being added beyond this many bytes; further tokens are compared without a memo. */
    private static final long MEMO_BYTES = 64L << 20;
    // A form's head in forms: its token count, and this flag when the registry name has a patronymic.
    static final int TOKEN_COUNT = 0xFFFF;
    static final int WITH_PATRONYMIC = 1 << 16;
    static final NameToken[] NO_TOKENS = new NameToken[0];

    private final NameComparator names;
    private final Map<Long, int[]> keyItems;
    private final int[] itemTokens;
    private final ChangeEntries.Posting[] itemPostings;
    private final int[][] forms;
    private final NameToken[] tokens;
    private final List<long[]> photos;
    private final Map<NameToken, byte[]> memo = new ConcurrentHashMap<>();
    private final ThreadLocal<int[]> stamps;
    private final ThreadLocal<int[]> itemStamps;
    private final ThreadLocal<int[]> generation = ThreadLocal.withInitial(() -> new int[1]);

    private ChangeFilter(NameComparator names, ChangeEntries entries) {
        this.names = names;
        this.keyItems = entries.keyItems;
        this.itemTokens = entries.itemTokens;
        this.itemPostings = entries.itemPostings;
        this.forms = entries.forms;
        this.tokens = entries.tokens;
        this.photos = entries.photos;
        int n = entries.forms.length;
        this.stamps = ThreadLocal.withInitial(() -> new int[n]);
        int itemCount = itemPostings.length;
        this.itemStamps = ThreadLocal.withInitial(() -> new int[itemCount]);
    }

    /** A filter over {@code entries} comparing names with {@code names}, the engine's comparator. */
    static ChangeFilter of(NameComparator names, Collection<RegistryPerson> entries) {
        return new ChangeFilter(names, new ChangeEntries(entries));
    }

    /**
     * Prepares a probe; {@code interner} (thread-safe, kept by the caller as long as it likes) shares the token objects
     * of names that recur, which also shares their memo rows.
     */
    public static Person person(
            String fullName, String dateOfBirth, String photoHash, Map<String, NameToken> interner) {
        ParsedName name = PaddedName.distinct(ParsedName.parse(fullName == null ? "" : fullName, interner));
        int dob = DateOfBirth.parse(dateOfBirth);
        return new Person(name, keyHashes(name), dob, DateComparator.compatibleRanges(dob), PhotoHash.parse(photoHash));
    }

    /** The hashes of the index keys of {@code name}, each once. */
    private static long[] keyHashes(ParsedName name) {
        Set<String> keys = new HashSet<>();
        CandidateIndex.keys(name, keys);
        long[] hashes = new long[keys.size()];
        int i = 0;
        for (String key : keys) {
            hashes[i++] = hash(key);
        }
        return hashes;
    }

    /**
     * Whether the engine could report one of the entries for {@code person}; {@code false} is certain. Also asked for
     * each reading of the name with two adjacent tokens joined ({@link ParsedName#joinedReadings}), which the matcher
     * screens as well.
     */
    public boolean mayMatch(Person person) {
        if (mayMatchReading(person)) {
            return true;
        }
        for (ParsedName reading : person.name().joinedReadings()) {
            if (mayMatchReading(
                    new Person(reading, keyHashes(reading), person.dob(), person.ranges(), person.photo()))) {
                return true;
            }
        }
        return false;
    }

    private boolean mayMatchReading(Person person) {
        ParsedName name = person.name();
        if (PaddedName.isPadded(name)) {
            return true; // compared token by token per candidate (PaddedName): not worth predicting
        }
        if (person.photo() != null) {
            for (long[] photo : photos) {
                if (RetrievalKeys.photosWithinReach(person.photo(), photo)) {
                    return true;
                }
            }
        }
        int core = Math.min(name.core().length, NameComparator.MAX_TOKENS);
        NameToken[] patronymics = core < NameComparator.MAX_TOKENS ? name.patronymics() : NO_TOKENS;
        // the probe's tokens as the quick rejection reads them: core, then patronymics (at most MAX_TOKENS of each)
        int n = core + Math.min(patronymics.length, NameComparator.MAX_TOKENS);
        if (n == 0) {
            return false;
        }
        NameToken[] probe = new NameToken[n];
        byte[][] rows = new byte[n][];
        for (int i = 0; i < n; i++) {
            probe[i] = i < core ? name.core()[i] : patronymics[i - core];
            rows[i] = row(probe[i]);
        }
        int[] stamp = stamps.get();
        int[] itemStamp = itemStamps.get();
        int[] gen = generation.get();
        if (++gen[0] == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamp, 0);
            java.util.Arrays.fill(itemStamp, 0);
            gen[0] = 1;
        }
        int g = gen[0];
        int dob = person.dob();
        int[] ranges = person.ranges();
        boolean fullDate = dob != DateOfBirth.MISSING && DateOfBirth.day(dob) != 0;
        for (long key : person.keys()) {
            int[] keyed = keyItems.get(key);
            if (keyed == null) {
                continue;
            }
            for (int item : keyed) {
                if (itemStamp[item] == g) {
                    continue;
                }
                itemStamp[item] = g;
                ChangeEntries.Posting posting = itemPostings[item];
                int[] d = posting.dobs();
                if (anyAgrees(probe, rows, itemTokens[item])) {
                    // the entries whose date may not contradict: the candidate stage's ranges in a long posting
                    boolean whole = ranges == null || d.length <= LINEAR_SCAN;
                    int i = 0;
                    for (int r = 0; whole ? r == 0 : r < ranges.length; r += 2) {
                        i = whole ? 0 : lowerBound(d, i, ranges[r]);
                        int to = whole ? d.length : lowerBound(d, i, ranges[r + 1] + 1);
                        if (anyLetThrough(probe, rows, core, posting, i, to, dob, fullDate, stamp, g)) {
                            return true;
                        }
                        i = to;
                    }
                } else if (fullDate) {
                    // an item no probe token agrees with brings only its entries born on the probe's full date
                    int from = lowerBound(d, 0, dob);
                    if (anyLetThrough(
                            probe, rows, core, posting, from, lowerBound(d, from, dob + 1), dob, true, stamp, g)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether one of the posting's entries {@code from} to {@code to} (not yet seen) passes names and date. */
    private boolean anyLetThrough(
            NameToken[] probe,
            byte[][] rows,
            int core,
            ChangeEntries.Posting posting,
            int from,
            int to,
            int dob,
            boolean fullDate,
            int[] stamp,
            int g) {
        int[] d = posting.dobs();
        int[] list = posting.entries();
        for (int i = from; i < to; i++) {
            int e = list[i];
            if (stamp[e] == g) {
                continue;
            }
            stamp[e] = g;
            if (namesMayAgree(probe, rows, core, e, fullDate && FellegiSunterScorer.rareTokenDate(dob, d[i]))
                    && RetrievalKeys.datesCompatible(dob, d[i])) {
                return true;
            }
        }
        return false;
    }

    private boolean anyAgrees(NameToken[] probe, byte[][] rows, int id) {
        if (id < 0) {
            return true;
        }
        for (int i = 0; i < probe.length; i++) {
            if (agrees(probe[i], rows[i], id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether entry {@code e} passes the quick rejection's name test ({@code FellegiSunterMatcher.couldAgree}): some
     * form has as many agreeing probe tokens as the shorter name has tokens (a single token never agrees with a longer
     * name), the probe's patronymics read as ordinary tokens against a longer form without one; or, on an equal full
     * date of birth or one recording error apart ({@link FellegiSunterScorer#rareTokenDate}), any token agrees. Counts distinct agreeing probe tokens, at least what the matcher counts.
     */
    private boolean namesMayAgree(NameToken[] probe, byte[][] rows, int core, int e, boolean rareTokenDate) {
        int n = probe.length;
        int[] flat = forms[e];
        boolean any = false;
        for (int p = 0; p < flat.length; ) {
            int head = flat[p++];
            int m = head & TOKEN_COUNT;
            int end = p + m;
            int coreAgreeing = 0;
            int allAgreeing = 0;
            for (int i = 0; i < n; i++) {
                for (int q = p; q < end; q++) {
                    if (agrees(probe[i], rows[i], flat[q])) {
                        allAgreeing++;
                        if (i < core) {
                            coreAgreeing++;
                        }
                        break;
                    }
                }
            }
            p = end;
            if (allAgreeing == 0) {
                continue;
            }
            any = true;
            int shorterCore = Math.min(core, m);
            if (core > 0 && !(shorterCore == 1 && Math.max(core, m) > 1) && coreAgreeing >= shorterCore) {
                return true;
            }
            int shorterAll = Math.min(n, m);
            if (n > core
                    && m > core
                    && (head & WITH_PATRONYMIC) == 0
                    && !(shorterAll == 1 && Math.max(n, m) > 1)
                    && allAgreeing >= shorterAll) {
                return true;
            }
        }
        return any && rareTokenDate;
    }

    private boolean agrees(NameToken probe, byte[] row, int id) {
        if (row == null) {
            return names.compareTokens(probe, tokens[id]).agrees();
        }
        byte known = row[id];
        if (known == 0) {
            known = names.compareTokens(probe, tokens[id]).agrees() ? (byte) 1 : (byte) 2;
            row[id] = known; // a benign race: every thread writes the same value
        }
        return known == 1;
    }

    private byte[] row(NameToken token) {
        byte[] row = memo.get(token);
        if (row == null && (long) (memo.size() + 1) * Math.max(1, tokens.length) <= MEMO_BYTES) {
            row = memo.computeIfAbsent(token, t -> new byte[tokens.length]);
        }
        return row;
    }

    /** The first index at or after {@code from} whose value is at least {@code key} ({@code a} sorted). */
    private static int lowerBound(int[] a, int from, int key) {
        int lo = from;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** 64-bit FNV-1a of a name key: a collision only makes an entry a candidate needlessly. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
