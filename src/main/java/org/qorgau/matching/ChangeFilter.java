package org.qorgau.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
    private static final int TOKEN_COUNT = 0xFFFF;
    private static final int WITH_PATRONYMIC = 1 << 16;
    private static final NameToken[] NO_TOKENS = new NameToken[0];

    /** An item's entries sorted by packed date of birth: {@code dobs[i]} is {@code entries[i]}'s date. */
    private record Posting(int[] dobs, int[] entries) {}

    private final NameComparator names;
    private final Map<Long, int[]> keyItems; // key hash -> items posting under it
    private final int[] itemTokens; // item -> token id, -1 when the quick rejection does not compare it
    private final Posting[] itemPostings;
    private final int[] dobs;
    private final int[][] forms; // per entry, flattened: [head, m token ids, head, ...] as the matcher's
    private final NameToken[] tokens;
    private final List<long[]> photos = new ArrayList<>();
    private final Map<NameToken, byte[]> memo = new ConcurrentHashMap<>();
    private final ThreadLocal<int[]> stamps;
    private final ThreadLocal<int[]> itemStamps;
    private final ThreadLocal<int[]> generation = ThreadLocal.withInitial(() -> new int[1]);

    private ChangeFilter(NameComparator names, Collection<RegistryPerson> entries) {
        this.names = names;
        Map<String, NameToken> interner = new HashMap<>();
        IdentityHashMap<NameToken, Integer> ids = new IdentityHashMap<>();
        List<NameToken> distinct = new ArrayList<>();
        IdentityHashMap<NameToken, Integer> items = new IdentityHashMap<>();
        List<List<Integer>> itemEntries = new ArrayList<>();
        Map<Long, Set<Integer>> building = new HashMap<>();
        int n = entries.size();
        this.dobs = new int[n];
        this.forms = new int[n][];
        Set<String> keys = new HashSet<>();
        int e = 0;
        for (RegistryPerson entry : entries) {
            dobs[e] = DateOfBirth.parse(entry.dateOfBirth());
            List<String> raw = new ArrayList<>(1 + entry.aliases().size());
            raw.add(entry.fullName());
            raw.addAll(entry.aliases());
            List<Integer> flat = new ArrayList<>();
            for (String name : raw) {
                ParsedName form = ParsedName.parse(name, interner);
                addForm(form.core(), form.patronymics().length > 0, ids, distinct, flat);
                if (form.patronymics().length > 0) {
                    NameToken[] all = java.util.Arrays.copyOf(
                            form.core(), form.core().length + form.patronymics().length);
                    System.arraycopy(form.patronymics(), 0, all, form.core().length, form.patronymics().length);
                    addForm(all, true, ids, distinct, flat);
                }
                // the items the candidate index posts: core tokens, and the patronymics of a name of one core token
                for (NameToken t : form.core()) {
                    keys.clear();
                    CandidateIndex.keys(t, keys);
                    addItem(t, keys, e, items, itemEntries, building);
                }
                if (form.core().length <= 1) {
                    for (NameToken t : form.patronymics()) {
                        keys.clear();
                        CandidateIndex.keys(ParsedName.of(NO_TOKENS, new NameToken[] {t}), keys);
                        addItem(t, keys, e, items, itemEntries, building);
                    }
                }
            }
            forms[e] = flat.stream().mapToInt(Integer::intValue).toArray();
            for (String hex : entry.photoHashes()) {
                long[] photo = PhotoHash.parse(hex);
                if (photo != null) {
                    photos.add(photo);
                }
            }
            e++;
        }
        this.itemTokens = new int[items.size()];
        // an item the quick rejection never compares (a token beyond the comparator's MAX_TOKENS) agrees, as there
        items.forEach((token, item) -> itemTokens[item] = ids.getOrDefault(token, -1));
        this.itemPostings = new Posting[itemEntries.size()];
        for (int i = 0; i < itemPostings.length; i++) {
            itemPostings[i] = sortedByDate(itemEntries.get(i), dobs);
        }
        this.keyItems = new HashMap<>(building.size() * 2);
        building.forEach((k, v) -> keyItems.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.tokens = distinct.toArray(new NameToken[0]);
        this.stamps = ThreadLocal.withInitial(() -> new int[n]);
        int itemCount = itemPostings.length;
        this.itemStamps = ThreadLocal.withInitial(() -> new int[itemCount]);
    }

    /** A filter over {@code entries} comparing names with {@code names}, the engine's comparator. */
    static ChangeFilter of(NameComparator names, Collection<RegistryPerson> entries) {
        return new ChangeFilter(names, entries);
    }

    /**
     * Prepares a probe; {@code interner} (thread-safe, kept by the caller as long as it likes) shares the token objects
     * of names that recur, which also shares their memo rows.
     */
    public static Person person(String fullName, String dateOfBirth, String photoHash, Map<String, NameToken> interner) {
        ParsedName name = PaddedName.distinct(ParsedName.parse(fullName == null ? "" : fullName, interner));
        Set<String> keys = new HashSet<>();
        CandidateIndex.keys(name, keys);
        long[] hashes = new long[keys.size()];
        int i = 0;
        for (String key : keys) {
            hashes[i++] = hash(key);
        }
        int dob = DateOfBirth.parse(dateOfBirth);
        return new Person(name, hashes, dob, DateComparator.compatibleRanges(dob), PhotoHash.parse(photoHash));
    }

    /** Whether the engine could report one of the entries for {@code person}; {@code false} is certain. */
    public boolean mayMatch(Person person) {
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
                Posting posting = itemPostings[item];
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
                    if (anyLetThrough(probe, rows, core, posting, from, lowerBound(d, from, dob + 1), dob, true, stamp, g)) {
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
            Posting posting,
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
            if (namesMayAgree(probe, rows, core, e, fullDate && d[i] == dob) && RetrievalKeys.datesCompatible(dob, d[i])) {
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
     * date of birth, any token agrees. Counts distinct agreeing probe tokens, at least what the matcher counts.
     */
    private boolean namesMayAgree(NameToken[] probe, byte[][] rows, int core, int e, boolean sameFullDate) {
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
        return any && sameFullDate;
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

    private static void addForm(
            NameToken[] tokens,
            boolean withPatronymic,
            IdentityHashMap<NameToken, Integer> ids,
            List<NameToken> distinct,
            List<Integer> flat) {
        int m = Math.min(tokens.length, NameComparator.MAX_TOKENS);
        if (m == 0) {
            return;
        }
        flat.add(withPatronymic ? m | WITH_PATRONYMIC : m);
        for (int j = 0; j < m; j++) {
            Integer id = ids.get(tokens[j]);
            if (id == null) {
                id = distinct.size();
                distinct.add(tokens[j]);
                ids.put(tokens[j], id);
            }
            flat.add(id);
        }
    }

    private static void addItem(
            NameToken t,
            Set<String> keys,
            int entry,
            IdentityHashMap<NameToken, Integer> items,
            List<List<Integer>> itemEntries,
            Map<Long, Set<Integer>> building) {
        if (t.key().length() < 2 || keys.isEmpty()) {
            return; // posts no key
        }
        Integer item = items.get(t);
        if (item == null) {
            item = itemEntries.size();
            items.put(t, item);
            itemEntries.add(new ArrayList<>());
        }
        List<Integer> list = itemEntries.get(item);
        if (list.isEmpty() || list.get(list.size() - 1) != entry) {
            list.add(entry);
        }
        for (String key : keys) {
            building.computeIfAbsent(hash(key), k -> new HashSet<>()).add(item);
        }
    }

    private static Posting sortedByDate(List<Integer> entries, int[] dobs) {
        long[] packed = new long[entries.size()];
        for (int i = 0; i < packed.length; i++) {
            int e = entries.get(i);
            packed[i] = ((long) dobs[e] << 32) | e;
        }
        java.util.Arrays.sort(packed);
        int[] d = new int[packed.length];
        int[] list = new int[packed.length];
        for (int i = 0; i < packed.length; i++) {
            d[i] = (int) (packed[i] >>> 32);
            list[i] = (int) packed[i];
        }
        return new Posting(d, list);
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
