package org.qorgau.matching;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * In-memory candidate generation over a registry snapshot: find the few entries worth scoring, fast.
 *
 * <ul>
 *   <li><b>Name keys.</b> Every core token of every name form (full name and aliases) posts its entry under four keys:
 *       the phonetic key ({@code p:}), the first four symbols of the canonical key ({@code a:}), the last four
 *       ({@code z:}) and the first two plus the last two ({@code b:}); Latin tokens also under their other readings'
 *       keys and the keys of their two most likely Russian readings ({@link NameToken#readings}), and a name with at most one core token also under its patronymic's {@code p:} and {@code a:} keys. A single typo leaves at least one of them intact in long tokens, and a name agreement needs at
 *       least two agreeing tokens (or a surname plus an initial), so a typo in one token is found through the other.
 *       A key lists the name items (distinct tokens) posting under it; each item has the sorted entries bearing it.
 *   <li><b>Agreeing items only.</b> The matcher tells the index which of the items reached through the probe's keys
 *       agree with some probe token (the quick rejection's token comparison, memoised for it), and brings the entries
 *       of those only. A name agreement needs every token of the shorter name to agree, so an entry reached only
 *       through tokens that agree with nothing could agree only through its other tokens, which share no key with the
 *       probe: the same chance the index never promised to catch (an entry whose agreeing tokens share no key is not
 *       found through any key). Of a non-agreeing item, the entries born on the probe's full date of birth are still
 *       kept (a rare given name with the same birthday is reviewed). Checked against scoring every entry on the
 *       evaluation suites ({@code CandidateStageCheck}, {@code CandidateIndexRecallTest}). Most entries reached through a frequent key (the
 *       ending of a common surname) are dropped this way: the candidates per probe fall from hundreds to tens.
 *   <li><b>Date keys.</b> Each posting list is sorted by packed date of birth, so it is at the same time a date index
 *       for that name key. A probe visits only the ranges of dates compatible with its own
 *       ({@link DateComparator#compatibleRanges}: equal, partial, day/month swap, one digit, transposition, year ±1,
 *       missing) by binary search, and checks each visited posting with {@link DateComparator#level}: a common
 *       surname's tens of thousands of postings shrink to the handful born on a compatible date without scanning them.
 *       The verdict rules give NO_MATCH to every entry with a contradicting date and no photo evidence, so this
 *       intersection drops nothing the scorer would report.
 *   <li><b>Photos.</b> Multi-index hashing: each 256-bit hash is cut into 16 chunks of 16 bits, each chunk indexed in
 *       its own table. Two hashes within 31 bits share at least one chunk that differs in at most one bit (otherwise
 *       16 chunks × 2 bits = 32), so probing each chunk's exact value and its 16 one-bit neighbours finds every hash
 *       within 31 bits. Photo candidates are never dropped by the date filter.
 * </ul>
 */
final class CandidateIndex {

    private static final int CHUNKS = 16;
    /** The buckets looked at per chunk: the probe's own value and the 16 one bit away. */
    private static final int BUCKETS_PER_CHUNK = 17;

    private static final int AFFIX = 4;

    /** How many of a Latin token's Russian readings ({@link NameToken#readings}) it posts and probes under. */
    static final int INDEXED_READINGS = 2;

    /** One item's postings, sorted by packed date of birth then entry: {@code dobs[i]} is {@code entries[i]}'s date. */
    record Posting(int[] dobs, int[] entries) {}

    private static final int LINEAR_SCAN = 48;

    /** One range of every packed date, for a posting scanned whole. */
    private static final int[] EVERY_DATE = {Integer.MIN_VALUE, Integer.MAX_VALUE};

    // Name tokens: every distinct token a registry name posts keys for is an item (a patronymic posting only its p:
    // and a: keys is an item of its own); a key lists the items that post under it, an item its entries.
    private final Map<String, int[]> keyItems;
    private final NameToken[] itemTokens;
    private final Posting[] itemPostings;
    private final int[] dobs;
    private final long[] photoBits; // 4 longs per hash
    private final int[] photoOwner; // entry of each hash
    private final int[][] chunkOffsets; // [chunk][value] -> start in chunkHashes[chunk], length 65537
    private final int[][] chunkHashes; // [chunk] -> hash numbers grouped by chunk value
    // [chunk] -> for each position of chunkHashes[chunk], two of the hash's longs other than the chunk's own: their
    // Hamming distance is a lower bound of the full distance, read in sequence instead of from photoBits at random.
    private final long[][] chunkInline;
    private final Workspaces<Marks> workspaces;

    /**
     * A probe's marks, one bit each: the entries it has kept and the name items it has reached. A bit set is cleared
     * again before the marks are lent out anew, so nothing is reset per probe; at 1,000,000 entries the entries' bits
     * take 122 KiB, small enough to stay in the processor's cache where an array of ints would not.
     */
    private static final class Marks {
        final long[] entries;
        final long[] items;
        /** The photo buckets' bounds ({@link #photoNearDuplicates}). */
        final int[] buckets = new int[2 * CHUNKS * BUCKETS_PER_CHUNK];
        /** What the reads ahead of the photo buckets' comparisons read, kept so that they are not left out. */
        long touched;

        Marks(int entries, int items) {
            this.entries = new long[(entries >>> 6) + 1];
            this.items = new long[(items >>> 6) + 1];
        }
    }

    private CandidateIndex(
            Map<String, int[]> keyItems,
            NameToken[] itemTokens,
            Posting[] itemPostings,
            int[] dobs,
            long[] photoBits,
            int[] photoOwner,
            int[][] chunkOffsets,
            int[][] chunkHashes,
            long[][] chunkInline) {
        this.keyItems = keyItems;
        this.itemTokens = itemTokens;
        this.itemPostings = itemPostings;
        int items = itemTokens.length;
        this.chunkInline = chunkInline;
        this.dobs = dobs;
        this.photoBits = photoBits;
        this.photoOwner = photoOwner;
        this.chunkOffsets = chunkOffsets;
        this.chunkHashes = chunkHashes;
        int n = dobs.length;
        this.workspaces = new Workspaces<>(Workspaces.DEFAULT_CAPACITY, () -> new Marks(n, items));
    }

    /** The keys a token posts under (and probes with). */
    static void keys(NameToken token, Set<String> out) {
        String key = token.key();
        if (token.initial() || key.length() < 2) {
            return;
        }
        out.add("p:" + token.phonetic());
        out.add("a:" + key.substring(0, Math.min(AFFIX, key.length())));
        out.add("z:" + key.substring(Math.max(0, key.length() - AFFIX)));
        if (key.length() >= 4) {
            // First two and last two symbols: survives one edit in the middle of a short token, where it breaks both
            // four-symbol affixes (Egoov/Egorov, Eran/Erlan).
            out.add("b:" + key.substring(0, 2) + key.substring(key.length() - 2));
        }
        // Other readings of a Latin token (scientific/chat, German): their phonetic keys, and the scientific
        // reading's affixes (the German reading is coarse, so only its phonetic key is comparable).
        String sci = token.scientific();
        if (sci.length() >= 2) {
            out.add("p:" + CanonicalKey.phonetic(sci));
            out.add("a:" + sci.substring(0, Math.min(AFFIX, sci.length())));
            out.add("z:" + sci.substring(Math.max(0, sci.length() - AFFIX)));
        }
        if (token.german().length() >= 2) {
            out.add("p:" + CanonicalKey.phonetic(token.german()));
        }
        // The learned Russian reading of a Latin token (Didier reads Дидье): the same four keys as a Cyrillic token
        // with that spelling posts, so a Cyrillic registry entry is found from the Latin spelling and back.
        for (int r = 0; r < Math.min(INDEXED_READINGS, token.readings().size()); r++) {
            String reading = token.readings().get(r);
            if (reading.length() >= 2) {
                out.add("p:" + CanonicalKey.phonetic(reading));
                out.add("a:" + reading.substring(0, Math.min(AFFIX, reading.length())));
                out.add("z:" + reading.substring(Math.max(0, reading.length() - AFFIX)));
                if (reading.length() >= 4) {
                    out.add("b:" + reading.substring(0, 2) + reading.substring(reading.length() - 2));
                }
            }
        }
    }

    static void keys(ParsedName name, Set<String> out) {
        for (NameToken t : name.core()) {
            keys(t, out);
        }
        // A name with at most one core token (Ерланұлы Нұрлан: a patronymic-style surname and a given name) agrees
        // only through both tokens, so a typo in the given name must still find it through the patronymic's start.
        if (name.core().length <= 1) {
            for (NameToken t : name.patronymics()) {
                patronymicKeys(t, out);
            }
        }
    }

    /** The keys a patronymic posts under in a name with at most one core token. */
    private static void patronymicKeys(NameToken t, Set<String> out) {
        String key = t.key();
        if (key.length() >= 2) {
            out.add("p:" + t.phonetic());
            out.add("a:" + key.substring(0, Math.min(AFFIX, key.length())));
        }
    }

    /** Builds the index; {@code photoBits}/{@code photoOwner} hold every entry's hashes in entry order. */
    static CandidateIndex build(ParsedName[][] forms, int[] dobs, long[] photoBits, int[] photoOwner) {
        Items items = new Items();
        for (int e = 0; e < forms.length; e++) {
            items.addEntry(e, forms[e]);
        }
        Map<String, IntList> building = new HashMap<>();
        Posting[] itemPostings = new Posting[items.tokens.size()];
        for (int i = 0; i < itemPostings.length; i++) {
            itemPostings[i] = items.post(i, dobs, building);
        }
        Map<String, int[]> keyItems = new HashMap<>(building.size() * 2);
        building.forEach((k, v) -> keyItems.put(k, v.toArray()));

        int hashes = photoOwner.length;
        int[][] offsets = new int[CHUNKS][];
        int[][] byChunk = new int[CHUNKS][];
        long[][] inline = new long[CHUNKS][];
        for (int c = 0; c < CHUNKS; c++) {
            int[] count = new int[65537];
            for (int h = 0; h < hashes; h++) {
                count[PhotoHash.chunk(photoBits, h * 4, c) + 1]++;
            }
            for (int v = 0; v < 65536; v++) {
                count[v + 1] += count[v];
            }
            int[] fill = Arrays.copyOf(count, 65536);
            int[] ids = new int[hashes];
            for (int h = 0; h < hashes; h++) {
                ids[fill[PhotoHash.chunk(photoBits, h * 4, c)]++] = h;
            }
            offsets[c] = count;
            byChunk[c] = ids;
            long[] near = new long[2 * hashes];
            for (int i = 0; i < hashes; i++) {
                near[2 * i] = photoBits[ids[i] * 4 + otherLong(c, 1)];
                near[2 * i + 1] = photoBits[ids[i] * 4 + otherLong(c, 2)];
            }
            inline[c] = near;
        }
        return new CandidateIndex(
                keyItems,
                items.tokens.toArray(new NameToken[0]),
                itemPostings,
                dobs,
                photoBits,
                photoOwner,
                offsets,
                byChunk,
                inline);
    }

    /**
     * The index's items as a build gathers them. Each entry's and each item's work is a method of its own, compiled once
     * and reused by every build, for the reason the factory's packing gives ({@code FellegiSunterMatcherFactory}).
     */
    private static final class Items {
        // Items: a core token, or a patronymic of a name with at most one core token (fewer keys), by identity (the
        // factory interns tokens, so one spelling is one item).
        private final IdentityHashMap<NameToken, Integer> coreItems = new IdentityHashMap<>();
        private final IdentityHashMap<NameToken, Integer> patronymicItems = new IdentityHashMap<>();
        final java.util.List<NameToken> tokens = new java.util.ArrayList<>();
        private final java.util.List<Boolean> patronymic = new java.util.ArrayList<>();
        private final java.util.List<IntList> entriesOf = new java.util.ArrayList<>();
        private final Set<String> keys = new HashSet<>();

        void addEntry(int e, ParsedName[] forms) {
            for (ParsedName form : forms) {
                for (NameToken t : form.core()) {
                    if (!t.initial()) {
                        add(coreItems, t, false, e);
                    }
                }
                if (form.core().length <= 1) {
                    for (NameToken t : form.patronymics()) {
                        add(patronymicItems, t, true, e);
                    }
                }
            }
        }

        private void add(IdentityHashMap<NameToken, Integer> ids, NameToken t, boolean isPatronymic, int entry) {
            if (t.key().length() < 2) {
                return; // posts no key
            }
            Integer id = ids.get(t);
            if (id == null) {
                id = tokens.size();
                ids.put(t, id);
                tokens.add(t);
                patronymic.add(isPatronymic);
                entriesOf.add(new IntList());
            }
            IntList list = entriesOf.get(id);
            if (list.size() == 0 || list.last() != entry) {
                list.add(entry);
            }
        }

        /** Item {@code i}'s keys into {@code building} (key to items); returns its entries sorted by date. */
        Posting post(int i, int[] dobs, Map<String, IntList> building) {
            keys.clear();
            if (patronymic.get(i)) {
                patronymicKeys(tokens.get(i), keys);
            } else {
                keys(tokens.get(i), keys);
            }
            for (String k : keys) {
                building.computeIfAbsent(k, x -> new IntList()).add(i);
            }
            Posting posting = sortedByDate(entriesOf.get(i).toArray(), dobs);
            entriesOf.set(i, null);
            return posting;
        }
    }

    private static Posting sortedByDate(int[] entries, int[] dobs) {
        long[] packed = new long[entries.length];
        for (int i = 0; i < entries.length; i++) {
            packed[i] = ((long) dobs[entries[i]] << 32) | entries[i];
        }
        Arrays.sort(packed);
        int[] d = new int[packed.length];
        int[] e = new int[packed.length];
        for (int i = 0; i < packed.length; i++) {
            d[i] = (int) (packed[i] >>> 32);
            e[i] = (int) packed[i];
        }
        return new Posting(d, e);
    }

    /**
     * Entries worth scoring for a probe: photo near-duplicates, then entries sharing a name key whose date does not
     * contradict, each at most once.
     */
    int[] candidates(ParsedName probe, int probeDob, long[] probePhoto) {
        return candidates(probe, probeDob, probePhoto, null);
    }

    /**
     * As {@link #candidates(ParsedName, int, long[])}, where a name item (a token a registry name posts keys for,
     * {@link #itemToken}) that {@code agrees} rejects (it agrees with no probe token) brings only its entries born on
     * the probe's full date of birth, where a rare given name may still agree ({@link NameLevel#RARE_TOKEN}).
     */
    int[] candidates(ParsedName probe, int probeDob, long[] probePhoto, IntPredicate agrees) {
        return candidates(probe, probeDob, probePhoto, agrees, null);
    }

    /**
     * As {@link #candidates(ParsedName, int, long[], IntPredicate)}; the entries with a photo hash within
     * {@link PhotoComparator#MAX_DISTANCE} of the probe's come first, and there are {@code photoNear[0]} of them (set
     * when {@code photoNear} is not null): every such entry, since a hash that near shares a chunk within one bit.
     */
    int[] candidates(ParsedName probe, int probeDob, long[] probePhoto, IntPredicate agrees, int[] photoNear) {
        Marks marks = workspaces.borrow();
        IntList out = new IntList();
        IntList reached = new IntList();
        try {
            candidates(probe, probeDob, probePhoto, agrees, marks, out, reached, photoNear);
            return out.toArray();
        } finally {
            for (int i = 0; i < out.size(); i++) {
                clear(marks.entries, out.get(i));
            }
            for (int i = 0; i < reached.size(); i++) {
                clear(marks.items, reached.get(i));
            }
            workspaces.release(marks);
        }
    }

    private void candidates(
            ParsedName probe,
            int probeDob,
            long[] probePhoto,
            IntPredicate agrees,
            Marks marks,
            IntList out,
            IntList reached,
            int[] photoNear) {
        long[] kept = marks.entries;
        if (probePhoto != null) {
            photoNearDuplicates(probePhoto, marks, out);
        }
        if (photoNear != null) {
            photoNear[0] = out.size();
        }
        Set<String> keys = new HashSet<>();
        keys(probe, keys);
        int[] ranges = DateComparator.compatibleRanges(probeDob);
        boolean fullDate = probeDob != DateOfBirth.MISSING && DateOfBirth.day(probeDob) != 0;
        for (String k : keys) {
            int[] items = keyItems.get(k);
            if (items == null) {
                continue;
            }
            for (int item : items) {
                if (isSet(marks.items, item)) {
                    continue;
                }
                set(marks.items, item);
                reached.add(item);
                if (agrees == null || agrees.test(item)) {
                    walk(itemPostings[item], probeDob, ranges, kept, out);
                } else if (fullDate) {
                    sameDate(itemPostings[item], probeDob, kept, out);
                }
            }
        }
    }

    private static boolean isSet(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    private static void clear(long[] bits, int i) {
        bits[i >>> 6] &= ~(1L << i);
    }

    /** The token of a name item (see {@link #candidates}). */
    NameToken itemToken(int item) {
        return itemTokens[item];
    }

    /** Number of name items. */
    int itemCount() {
        return itemTokens.length;
    }

    /** Adds the posting's entries born on exactly {@code probeDob} and not yet {@code kept}. */
    private static void sameDate(Posting posting, int probeDob, long[] kept, IntList out) {
        int[] d = posting.dobs();
        int[] list = posting.entries();
        for (int i = lowerBound(d, 0, d.length, probeDob); i < d.length && d[i] == probeDob; i++) {
            keep(list[i], kept, out);
        }
    }

    private static void keep(int e, long[] kept, IntList out) {
        if (!isSet(kept, e)) {
            set(kept, e);
            out.add(e);
        }
    }

    /**
     * Adds the posting's entries whose date does not contradict {@code probeDob} and not yet {@code kept}. Only kept
     * entries are marked: an entry whose date contradicts is looked at again under another key, and its date checked
     * again (a pure function, so with the same result).
     */
    private static void walk(Posting posting, int probeDob, int[] ranges, long[] kept, IntList out) {
        int[] d = posting.dobs();
        int[] list = posting.entries();
        // Postings are sorted by date, so runs of equal dates are common: the date check is a pure function of
        // (probeDob, dob), so the last date's verdict is reused for the next posting with the same date.
        int lastDob = -1;
        boolean lastOk = false;
        // Date-sorted postings: binary-search each compatible date range instead of scanning the whole list (a short
        // list, or a probe without a date, is scanned whole: one range of every date). The ranges are sorted, so each
        // search starts where the previous range ended (galloping forward).
        int[] spans = ranges == null || list.length <= LINEAR_SCAN ? EVERY_DATE : ranges;
        int i = 0;
        for (int r = 0; r < spans.length && i < d.length; r += 2) {
            int lo = spans[r];
            int hi = spans[r + 1];
            i = gallop(d, i, lo);
            for (; i < d.length && d[i] <= hi; i++) {
                int dob = d[i];
                if (dob != lastDob) {
                    lastDob = dob;
                    lastOk = compatible(probeDob, dob);
                }
                if (lastOk) {
                    keep(list[i], kept, out);
                }
            }
        }
    }

    private static boolean compatible(int probeDob, int dob) {
        // Equal dates or a missing date never compare DIFFERENT (EXACT, SAME_PARTIAL or MISSING).
        return probeDob == dob
                || dob == DateOfBirth.MISSING
                || probeDob == DateOfBirth.MISSING
                || DateComparator.level(probeDob, dob) != DateLevel.DIFFERENT;
    }

    /** The first index at or after {@code from} whose value is at least {@code key} ({@code a} sorted). */
    private static int gallop(int[] a, int from, int key) {
        if (from >= a.length || a[from] >= key) {
            return from;
        }
        int step = 1;
        int lo = from; // a[lo] < key
        int hi = from + 1;
        while (hi < a.length && a[hi] < key) {
            lo = hi;
            step <<= 1;
            hi = lo + step;
        }
        return lowerBound(a, lo + 1, Math.min(hi, a.length), key);
    }

    private static int lowerBound(int[] a, int from, int to, int key) {
        int lo = from;
        int hi = to;
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

    /**
     * The entries with a hash within {@link PhotoComparator#MAX_DISTANCE} of the probe's, in the order of the buckets
     * (each chunk's own value, then the value with each of its 16 bits flipped). A hash that near differs from the
     * probe's in at most one bit of some 16-bit chunk, so these 16 × 17 buckets hold every one. The buckets are spread
     * over arrays far larger than the processor's caches: their bounds are read first, all of them, and then their
     * first hashes, before any bucket is compared, so that the processor overlaps the cache misses of independent
     * loads instead of waiting for each bucket in turn.
     */
    private void photoNearDuplicates(long[] probePhoto, Marks marks, IntList out) {
        int[] bounds = marks.buckets;
        for (int c = 0, k = 0; c < CHUNKS; c++) {
            int[] offsets = chunkOffsets[c];
            int v = PhotoHash.chunk(probePhoto, 0, c);
            for (int b = -1; b < 16; b++, k += 2) {
                int value = b < 0 ? v : v ^ (1 << b);
                bounds[k] = offsets[value];
                bounds[k + 1] = offsets[value + 1];
            }
        }
        long touched = 0;
        for (int c = 0, k = 0; c < CHUNKS; c++) {
            long[] near = chunkInline[c];
            for (int j = 0; j < BUCKETS_PER_CHUNK; j++, k += 2) {
                if (bounds[k] < bounds[k + 1]) {
                    touched ^= near[2 * bounds[k]];
                }
            }
        }
        marks.touched = touched; // kept, so that the reads above are not left out as unused
        for (int c = 0, k = 0; c < CHUNKS; c++) {
            for (int j = 0; j < BUCKETS_PER_CHUNK; j++, k += 2) {
                scanBucket(c, bounds[k], bounds[k + 1], probePhoto, marks.entries, out);
            }
        }
    }

    /** The hashes at {@code [from, to)} of chunk {@code c}'s buckets within reach of the probe's, their entries kept. */
    private void scanBucket(int c, int from, int to, long[] probePhoto, long[] kept, IntList out) {
        int[] ids = chunkHashes[c];
        long[] near = chunkInline[c];
        long a = probePhoto[otherLong(c, 1)];
        long b = probePhoto[otherLong(c, 2)];
        for (int i = from; i < to; i++) {
            if (Long.bitCount(a ^ near[2 * i]) + Long.bitCount(b ^ near[2 * i + 1]) > PhotoComparator.MAX_DISTANCE) {
                continue;
            }
            int h = ids[i];
            int e = photoOwner[h];
            if (!isSet(kept, e)
                    && PhotoHash.distance(probePhoto, 0, photoBits, h * 4) <= PhotoComparator.MAX_DISTANCE) {
                set(kept, e);
                out.add(e);
            }
        }
    }

    /** The index of the {@code k}-th long after the one holding chunk {@code c} (k = 1..3). */
    private static int otherLong(int c, int k) {
        return (c / 4 + k) & 3;
    }

    /** Number of distinct name keys (for diagnostics and tests). */
    int keyCount() {
        return keyItems.size();
    }

    /** A growable int array. */
    static final class IntList {
        private int[] data = new int[4];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }

        int size() {
            return size;
        }

        int last() {
            return data[size - 1];
        }

        int get(int i) {
            return data[i];
        }
    }
}
