package org.qorgau.matching;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which registry tokens agree with which, remembered across screenings: the quick rejection's token comparison
 * ({@link NameComparator#agreeMask}) for a probe token that is itself one of the index's tokens (most probe tokens
 * are: given names and common surnames recur from check to check) against the index's other tokens. A comparison the
 * sketches do not settle costs about a microsecond, and a screening makes about two hundred of them; most recur.
 *
 * <p>Only the index's own token ids are kept, never a probe's text: a probe token is remembered as the id of the
 * registry token equal to it ({@link #idOf}), and a probe token the registry does not have is compared every time.
 * A comparison is a function of the two tokens alone, so a remembered answer is the answer.
 *
 * <p>The memory is one table of longs with a fixed number of slots (as many as there are pairs of the index's tokens,
 * up to {@link #MAX_SLOTS}), each holding one pair and its answer. A pair's hash chooses a set of {@link #WAYS}
 * neighbouring slots (32 bytes, in one cache line or two), newest first: a new pair takes the set's first slot and
 * pushes the others one slot on, the oldest out. Pairs that share a set no longer push each other out at once, as they
 * did with one slot per set, and a lookup still reads one place in memory. Slots are read and written whole (opaque
 * access), so concurrent screenings may lose each other's writes or keep a pair twice, but never read a torn one.
 */
final class TokenPairs {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Most slots per index: 8 MiB. */
    static final int MAX_SLOTS = 1 << 20;
    /** Slots per set. */
    static final int WAYS = 4;
    // Slot layout: (probe id + 1) << 33 | (registry id) << 2 | KNOWN | agrees. Token ids are below 2^31.
    private static final long KNOWN = 2;

    /** Answers to look up; none when nothing is remembered (a delta index). */
    private final long[] slots;
    // The index's token ids by text: an open-addressing table of id + 1 (0 = empty), probed linearly.
    private final int[] byText;
    private final NameToken[] tokens;

    /**
     * Remembers pairs of {@code tokens}' ids (the index's tokens by id), in at most {@code maxSlots} slots (a power of
     * two, at least {@link #WAYS}); 0 slots remembers nothing.
     */
    TokenPairs(NameToken[] tokens, int maxSlots) {
        if (maxSlots != 0 && (maxSlots < WAYS || Integer.bitCount(maxSlots) != 1)) {
            throw new IllegalArgumentException(
                    "slots must be 0 or a power of two of at least " + WAYS + ": " + maxSlots);
        }
        this.tokens = tokens;
        // as many slots as there are pairs, up to maxSlots (a registry's distinct tokens number thousands at least)
        long pairCount = (long) tokens.length * tokens.length;
        int slots = maxSlots == 0 ? 0 : (int) Math.min(maxSlots, Math.max(1024, Long.highestOneBit(pairCount) * 2));
        this.slots = new long[slots];
        this.byText = new int[slots == 0 ? 0 : Math.max(16, Integer.highestOneBit(tokens.length) * 4)];
        for (int id = 0; slots > 0 && id < tokens.length; id++) {
            int at = spread(tokens[id].text().hashCode()) & (byText.length - 1);
            while (byText[at] != 0 && !tokens[byText[at] - 1].text().equals(tokens[id].text())) {
                at = (at + 1) & (byText.length - 1);
            }
            if (byText[at] == 0) {
                byText[at] = id + 1; // the first id of a text: any equal token serves as the probe token's stand-in
            }
        }
    }

    /** The id of an index token equal to {@code probeToken} (every field, not only the text), or -1. */
    int idOf(NameToken probeToken) {
        if (byText.length == 0) {
            return -1;
        }
        String text = probeToken.text();
        for (int at = spread(text.hashCode()) & (byText.length - 1);
                byText[at] != 0;
                at = (at + 1) & (byText.length - 1)) {
            NameToken t = tokens[byText[at] - 1];
            if (t.text().equals(text)) {
                return t.equals(probeToken) ? byText[at] - 1 : -1;
            }
        }
        return -1;
    }

    /** The ids of {@link #idOf} for each of {@code probeTokens}. */
    int[] idsOf(NameToken[] probeTokens) {
        int[] ids = new int[probeTokens.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idOf(probeTokens[i]);
        }
        return ids;
    }

    /**
     * Whether token {@code probeId} agrees with token {@code id}: 1 or 0 when remembered, -1 when not (then
     * {@link #remember} it once compared).
     */
    int agrees(int probeId, int id) {
        if (slots.length == 0) {
            return -1;
        }
        long key = key(probeId, id) | KNOWN;
        int set = setOf(probeId, id);
        for (int w = 0; w < WAYS; w++) {
            long slot = (long) SLOTS.getOpaque(slots, set + w);
            if ((slot & ~1L) == key) {
                return (int) (slot & 1);
            }
        }
        return -1;
    }

    /** Remembers that token {@code probeId} does or does not agree with token {@code id}. */
    void remember(int probeId, int id, boolean agrees) {
        if (slots.length == 0) {
            return;
        }
        int set = setOf(probeId, id);
        for (int w = WAYS - 1; w > 0; w--) {
            long older = (long) SLOTS.getOpaque(slots, set + w - 1);
            if (older != 0) {
                SLOTS.setOpaque(slots, set + w, older);
            }
        }
        SLOTS.setOpaque(slots, set, key(probeId, id) | KNOWN | (agrees ? 1 : 0));
    }

    private static long key(int probeId, int id) {
        return ((long) probeId + 1) << 33 | (long) id << 2;
    }

    /** The first slot of the set that pair ({@code probeId}, {@code id}) belongs to. */
    int setOf(int probeId, int id) {
        long h = key(probeId, id) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (slots.length - WAYS);
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
    }
}
