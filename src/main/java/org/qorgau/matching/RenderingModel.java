package org.qorgau.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How Russian writes foreign names: a learned joint model of Latin letter groups and the Cyrillic letter groups a
 * Russian-speaking authority writes for them ({@code ier$ → ье$} in Didier / Дидье, {@code ^w → у} in William /
 * Уильям, {@code shi → си} in Hiroshi / Хироси, {@code ^h → г} in Heinrich / Генрих).
 *
 * <p>The model is a table of segment pairs with their costs in bits ({@code -log2} of the joint probability), learned
 * by Viterbi EM alignment of real Latin/Russian name renderings (see the resource's header for its origin, licence and
 * the command that rebuilt it). Words are framed by {@code ^} and {@code $}, so a segment can say "at the start" or
 * "at the end" (silent French endings, word-initial {@code h}). It answers two questions:
 *
 * <ul>
 *   <li>{@link #align}: the cheapest segmentation of a Latin token and a Cyrillic token into paired segments, with its
 *       cost per segment: what was matched to what, for the comparator and its explanation. A letter the table has
 *       no pair for is dropped or paired with any one or two Cyrillic letters at {@link #UNSEEN_COST} bits, so a
 *       single odd spelling does not make an otherwise plain rendering impossible (a weighted edit distance whose
 *       costs are the learned ones);
 *   <li>{@link #readings}: the k most likely Russian spellings of a Latin token (a k-best search over segmentations
 *       into frequent Latin groups and their likely counterparts), whose canonical keys the candidate index posts and
 *       probes with and the comparator's gate tries.
 * </ul>
 *
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>{@code reading("")}, {@code reading("иван")}</td><td>{@code ""} (not a Latin token)</td></tr>
 *   <tr><td>{@code align(x, y)} with {@code x} or {@code y} empty</td><td>{@code null}</td></tr>
 *   <tr><td>{@code readings("", k)}, {@code readings("иван", k)}</td><td>empty</td></tr>
 *   <tr><td>letters outside a–z after removing diacritics ({@code ø}, {@code ł}, {@code ß}, {@code þ})</td>
 *       <td>folded to their plain Latin letters first ({@code o l ss th})</td></tr>
 * </table>
 */
public final class RenderingModel {

    /** The model shipped with the engine. */
    public static final String DEFAULT_RESOURCE = "matching/rendering-latin-russian.tsv";

    /** Longest Latin and Cyrillic segment, frame symbols included. */
    public static final int MAX_LATIN = 5;

    public static final int MAX_CYRILLIC = 4;

    private static volatile RenderingModel defaultModel;

    /** One segment pair. */
    public record Segment(String latin, String cyrillic, double cost) {}

    /** An alignment: the pairs in order and the total cost in bits. */
    public record Alignment(List<Segment> segments, double cost) {
        /**
         * The segment pairs in order, for explanations: {@code d→д i→и d→д ie→ье r$→∅} ({@code ^} and {@code $} mark
         * the start and end of the word, ∅ a letter Russian does not write).
         */
        public String describe() {
            StringBuilder out = new StringBuilder();
            for (Segment s : segments) {
                String l = s.latin().replace("^", "");
                String c = s.cyrillic().replace("^", "").replace("$", "");
                if (l.isEmpty() || l.equals("$")) {
                    continue;
                }
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(l).append('→').append(c.isEmpty() ? "∅" : c);
            }
            return out.toString();
        }
    }

    private final String id;
    // Latin segment -> its Cyrillic counterparts with costs, cheapest first.
    private final Map<String, Segment[]> byLatin;
    // The same table by packed key (see pack), open addressing: the alignment looks groups up without substrings.
    private final long[] packedKeys;
    private final Segment[][] packedOptions;
    // Latin segment -> its likely Cyrillic counterparts (joint costs), for readings: only Latin groups seen often
    // enough and counterparts likely enough given the group, so rare (often noisy) pairs never shape a reading.
    private final Map<String, Segment[]> readingOptions;
    // Readings already decoded, by k and token: probes and registry names repeat the same tokens.
    private final java.util.concurrent.ConcurrentHashMap<String, List<String>> readingCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int READING_CACHE_SIZE = 100_000;

    /**
     * Price in bits of a letter paired in a way the table never saw (see {@link #align}): above the rarest pair the
     * table keeps, so a rendering needs few of them to stay under the comparator's threshold.
     */
    public static final double UNSEEN_COST = 20;

    // Decoding settings of readings, chosen on a development fifth of the data (LearnRenderingModel --exclude-fold):
    // a Latin group is read only when its marginal cost is at most READING_MAX_GROUP_COST bits (seen about ten times
    // in the data or more), as a counterpart at least READING_MIN_CONDITIONAL likely given the group, each segment
    // priced by its joint cost plus READING_SEGMENT_COST (a negative price offsets the joint model's preference for
    // the fewest, longest groups).
    private static final double READING_MAX_GROUP_COST = 16;
    private static final double READING_MIN_CONDITIONAL = 0.05;
    private static final double READING_SEGMENT_COST = -1.0;

    public RenderingModel(String id, List<Segment> segments) {
        this.id = id;
        Map<String, List<Segment>> grouped = new HashMap<>();
        for (Segment s : segments) {
            grouped.computeIfAbsent(s.latin(), k -> new ArrayList<>()).add(s);
        }
        this.byLatin = new HashMap<>();
        this.readingOptions = new HashMap<>();
        grouped.forEach((k, v) -> {
            v.sort((a, b) -> Double.compare(a.cost(), b.cost()));
            byLatin.put(k, v.toArray(new Segment[0]));
            double marginal = 0;
            for (Segment s : v) {
                marginal += Math.pow(2, -s.cost());
            }
            double groupCost = -Math.log(marginal) / Math.log(2);
            if (groupCost > READING_MAX_GROUP_COST) {
                return;
            }
            List<Segment> options = new ArrayList<>();
            for (Segment s : v) {
                double conditional = Math.pow(2, -s.cost()) / marginal;
                if (conditional >= READING_MIN_CONDITIONAL) {
                    options.add(s);
                }
            }
            if (!options.isEmpty()) {
                readingOptions.put(k, options.toArray(new Segment[0]));
            }
        });
        int slots = Integer.highestOneBit(Math.max(1, byLatin.size()) * 4);
        this.packedKeys = new long[slots];
        this.packedOptions = new Segment[slots][];
        byLatin.forEach((k, v) -> {
            long key = pack(k, 0, k.length());
            if (key > 0) {
                int slot = slot(key, slots);
                while (packedKeys[slot] != 0) {
                    slot = (slot + 1) & (slots - 1);
                }
                packedKeys[slot] = key;
                packedOptions[slot] = v;
            }
        });
    }

    /** The model's id from its resource header ({@code # id: ...}); part of the engine's identity. */
    public String id() {
        return id;
    }

    /** The shipped model ({@link #DEFAULT_RESOURCE}), loaded once. */
    public static RenderingModel standard() {
        RenderingModel m = defaultModel;
        if (m == null) {
            synchronized (RenderingModel.class) {
                m = defaultModel;
                if (m == null) {
                    m = load(RenderingModel.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE));
                    defaultModel = m;
                }
            }
        }
        return m;
    }

    /**
     * Replaces the model that {@link #standard()} answers, for offline tools only (evaluating a model learned on a
     * smaller part of the data); matchers and tokens built earlier keep the model they were built with.
     */
    public static synchronized void replaceStandard(RenderingModel model) {
        defaultModel = model;
    }

    /** Reads a model: {@code #} header lines (one {@code # id: ...}), then {@code latin<TAB>cyrillic<TAB>cost}. */
    public static RenderingModel load(InputStream in) {
        if (in == null) {
            throw new IllegalStateException("rendering model resource not found: " + DEFAULT_RESOURCE);
        }
        String id = "unnamed";
        List<Segment> segments = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    if (line.startsWith("# id:")) {
                        id = line.substring(5).trim();
                    }
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                segments.add(new Segment(f[0], f[1], Double.parseDouble(f[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderingModel(id, segments);
    }

    /**
     * The Latin token as the model reads it: framed by {@code ^...$}, diacritics removed, a few letters folded
     * ({@code ø→o, æ→ae, œ→oe, ß→ss, ł→l, đ ð→d, þ→th, ı→i}), anything else outside a–z dropped. {@code ""} when the token
     * has no Latin letter.
     */
    public static String latinInput(String token) {
        String d = Normalizer.normalize(token.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(d.length() + 2).append('^');
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append(c);
                continue;
            }
            switch (c) {
                case 'ø' -> out.append('o');
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                case 'ß' -> out.append("ss");
                case 'ł' -> out.append('l');
                case 'đ', 'ð' -> out.append('d');
                case 'þ' -> out.append("th");
                case 'ı' -> out.append('i');
                default -> {
                    // combining marks and other characters are dropped
                }
            }
        }
        return out.length() == 1 ? "" : out.append('$').toString();
    }

    /**
     * The Cyrillic token as the model reads it: framed by {@code ^...$}, {@code ё→е}, Kazakh, Ukrainian and Belarusian
     * letters to their nearest Russian letter ({@code ә→а ғ→г қ→к ң→н ө→о ұ ү→у һ→х і ї→и є→е ґ→г ў→у}), anything else
     * dropped. {@code ""} when the token has no Cyrillic letter.
     */
    public static String cyrillicInput(String token) {
        String s = token.toLowerCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length() + 2).append('^');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'а' && c <= 'я') {
                out.append(c);
                continue;
            }
            switch (c) {
                case 'ё', 'є' -> out.append('е');
                case 'ә' -> out.append('а');
                case 'ғ', 'ґ' -> out.append('г');
                case 'қ' -> out.append('к');
                case 'ң' -> out.append('н');
                case 'ө' -> out.append('о');
                case 'ұ', 'ү', 'ў' -> out.append('у');
                case 'һ' -> out.append('х');
                case 'і', 'ї' -> out.append('и');
                default -> {
                    // other characters are dropped
                }
            }
        }
        return out.length() == 1 ? "" : out.append('$').toString();
    }

    /**
     * The cheapest alignment of a framed Latin input and a framed Cyrillic input ({@link #latinInput},
     * {@link #cyrillicInput}), or {@code null} when the table has no segmentation of the pair or either is empty.
     */
    public Alignment align(String latin, String cyrillic) {
        return align(latin, cyrillic, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #align(String, String)}, but only alignments costing at most {@code budget} bits: partial alignments
     * already above it are abandoned (every segment costs more than zero bits), so a pair that cannot agree is
     * rejected early. {@code null} when no alignment is within the budget.
     */
    public Alignment align(String latin, String cyrillic, double budget) {
        double limit = Math.min(budget, Double.MAX_VALUE); // unreached cells stay above any limit
        int n = latin.length();
        int m = cyrillic.length();
        if (n == 0 || m == 0) {
            return null;
        }
        Segment[] back = new Segment[(n + 1) * (m + 1)];
        double[] cost = costs(latin, cyrillic, limit, back);
        int end = n * (m + 1) + m;
        if (cost[end] > limit) {
            return null;
        }
        List<Segment> path = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            Segment s = back[i * (m + 1) + j];
            path.add(0, s);
            i -= s.latin().length();
            j -= s.cyrillic().length();
        }
        return new Alignment(path, cost[end]);
    }

    /**
     * Whether {@link #align(String, String, double)} would find an alignment within {@code budget}: the same table of
     * costs without the path, for the comparator's agreement test, which needs only the answer.
     */
    public boolean alignsWithin(String latin, String cyrillic, double budget) {
        double limit = Math.min(budget, Double.MAX_VALUE);
        int n = latin.length();
        int m = cyrillic.length();
        return n != 0 && m != 0 && costs(latin, cyrillic, limit, null)[n * (m + 1) + m] <= limit;
    }

    /**
     * The alignment's table of cheapest costs, cell {@code i * (m + 1) + j} for the first {@code i} Latin and {@code j}
     * Cyrillic symbols; a cell is not extended when no alignment through it can end within {@code limit}: its cost
     * plus the cheapest reading of the Latin symbols after it, whatever Cyrillic they meet ({@code rest}), is over the
     * limit. Every cell of an alignment within the limit passes that test, so the cheapest one, and the cells and
     * segments it is made of, come out as without it. {@code back}, when given, receives the last segment of each
     * cell's cheapest alignment.
     */
    private double[] costs(String latin, String cyrillic, double limit, Segment[] back) {
        int n = latin.length();
        int m = cyrillic.length();
        // The table's counterparts of each Latin group, looked up once, and rest[i]: the cheapest way to read the
        // Latin symbols from i on with them or as unseen letters, the Cyrillic side left out, which no alignment from
        // row i can undercut.
        int width = MAX_LATIN + 1;
        Segment[][] groups = new Segment[n * width][]; // group latin[i, i + a) at i * width + a
        double[] rest = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            char l = latin.charAt(i);
            double cheapest = l != '^' && l != '$' ? UNSEEN_COST + rest[i + 1] : Double.POSITIVE_INFINITY;
            for (int a = 1; a <= MAX_LATIN && i + a <= n; a++) {
                Segment[] options = options(latin, i, i + a);
                groups[i * width + a] = options;
                for (int k = 0; options != null && k < options.length; k++) {
                    cheapest = Math.min(cheapest, options[k].cost() + rest[i + a]);
                }
            }
            rest[i] = cheapest;
        }
        double[] cost = new double[(n + 1) * (m + 1)];
        java.util.Arrays.fill(cost, Double.POSITIVE_INFINITY);
        cost[0] = 0;
        for (int i = 0; i < n; i++) {
            // a little slack, so that rounding in a sum taken in another order never prunes an alignment at the limit
            double rowLimit = limit - rest[i] + 1e-9;
            boolean any = false;
            for (int j = 0; j <= m; j++) {
                if (cost[i * (m + 1) + j] <= rowLimit) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                continue;
            }
            char l = latin.charAt(i);
            if (l != '^' && l != '$') {
                // A letter the table has no pair for here (a rare spelling): dropped, or read as any one or two
                // Cyrillic letters, at a fixed high price, so one odd letter does not make an otherwise plain
                // rendering impossible to align.
                for (int j = 0; j <= m; j++) {
                    double here = cost[i * (m + 1) + j];
                    if (here > rowLimit) {
                        continue;
                    }
                    for (int b = 0; b <= 2 && j + b <= m; b++) {
                        if (b > 0 && (cyrillic.charAt(j + b - 1) == '^' || cyrillic.charAt(j + b - 1) == '$')) {
                            break;
                        }
                        int to = (i + 1) * (m + 1) + j + b;
                        double c = here + UNSEEN_COST * Math.max(1, b);
                        if (c < cost[to]) {
                            cost[to] = c;
                            if (back != null) {
                                back[to] = new Segment(
                                        String.valueOf(l), cyrillic.substring(j, j + b), UNSEEN_COST * Math.max(1, b));
                            }
                        }
                    }
                }
            }
            for (int a = 1; a <= MAX_LATIN && i + a <= n; a++) {
                Segment[] options = groups[i * width + a];
                if (options == null) {
                    continue;
                }
                for (int j = 0; j <= m; j++) {
                    double here = cost[i * (m + 1) + j];
                    if (here > rowLimit) {
                        continue;
                    }
                    char next = j < m ? cyrillic.charAt(j) : 0;
                    for (Segment s : options) {
                        String target = s.cyrillic();
                        int b = target.length();
                        // the first letter decides for most segments, before the whole comparison
                        if (j + b <= m && (b == 0 || target.charAt(0) == next) && cyrillic.startsWith(target, j)) {
                            int to = (i + a) * (m + 1) + j + b;
                            double c = here + s.cost();
                            if (c < cost[to]) {
                                cost[to] = c;
                                if (back != null) {
                                    back[to] = s;
                                }
                            }
                        }
                    }
                }
            }
        }
        return cost;
    }

    /** The table's counterparts of Latin group {@code latin[from, to)}, or {@code null}. */
    private Segment[] options(String latin, int from, int to) {
        long key = pack(latin, from, to);
        if (key < 0) {
            return byLatin.get(latin.substring(from, to));
        }
        int mask = packedKeys.length - 1;
        for (int slot = slot(key, packedKeys.length); packedKeys[slot] != 0; slot = (slot + 1) & mask) {
            if (packedKeys[slot] == key) {
                return packedOptions[slot];
            }
        }
        return null;
    }

    /**
     * A group of at most {@link #MAX_LATIN} ASCII characters as one number: a leading 1 bit (so lengths differ), then 7
     * bits a character; -1 when a character is not ASCII or the group is longer (looked up by string instead).
     */
    private static long pack(String s, int from, int to) {
        if (to - from > MAX_LATIN) {
            return -1;
        }
        long key = 1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c > 127) {
                return -1;
            }
            key = key << 7 | c;
        }
        return key;
    }

    private static int slot(long key, int slots) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & (slots - 1);
    }

    /**
     * The {@code k} most likely Russian spellings of a Latin token (unframed, distinct, most likely first), or none when
     * the token is not Latin or cannot be read: a k-best search over segmentations into frequent Latin groups, each
     * read as one of its likely Cyrillic counterparts, priced by {@code -log2 P(cyrillic | latin)} plus a constant per
     * segment.
     */
    public List<String> readings(String token, int k) {
        String cacheKey = k + ":" + token;
        List<String> cached = readingCache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        List<String> out = List.copyOf(decode(token, k));
        if (readingCache.size() >= READING_CACHE_SIZE) {
            readingCache.clear(); // a bound, not an LRU: names repeat, and a full cache refills with the common ones
        }
        readingCache.put(cacheKey, out);
        return out;
    }

    private List<String> decode(String token, int k) {
        String latin = latinInput(token);
        int n = latin.length();
        if (n == 0 || k <= 0) {
            return List.of();
        }
        // beams[i]: up to k partial readings of latin[0, i), cheapest first
        List<List<Partial>> beams = new ArrayList<>(n + 1);
        for (int i = 0; i <= n; i++) {
            beams.add(new ArrayList<>());
        }
        beams.get(0).add(new Partial("", 0));
        for (int i = 0; i < n; i++) {
            List<Partial> here = beams.get(i);
            if (here.isEmpty()) {
                continue;
            }
            for (int a = 1; a <= MAX_LATIN && i + a <= n; a++) {
                Segment[] options = readingOptions.get(latin.substring(i, i + a));
                if (options == null) {
                    continue;
                }
                List<Partial> there = beams.get(i + a);
                for (Partial p : here) {
                    for (Segment s : options) {
                        offer(
                                there,
                                new Partial(p.text() + s.cyrillic(), p.cost() + s.cost() + READING_SEGMENT_COST),
                                k);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Partial p : beams.get(n)) {
            out.add(p.text().replace("^", "").replace("$", ""));
        }
        return out;
    }

    private record Partial(String text, double cost) {}

    private static void offer(List<Partial> beam, Partial p, int k) {
        for (int i = 0; i < beam.size(); i++) {
            if (beam.get(i).text().equals(p.text())) {
                if (beam.get(i).cost() <= p.cost()) {
                    return;
                }
                beam.remove(i);
                break;
            }
        }
        int at = beam.size();
        while (at > 0 && beam.get(at - 1).cost() > p.cost()) {
            at--;
        }
        if (at >= k) {
            return;
        }
        beam.add(at, p);
        if (beam.size() > k) {
            beam.remove(beam.size() - 1);
        }
    }

    /**
     * The most likely Russian spelling of a Latin token (unframed, the first of {@link #readings}), or {@code ""} when
     * the token is not Latin or the table cannot segment it.
     */
    public String reading(String token) {
        List<String> r = readings(token, 1);
        return r.isEmpty() ? "" : r.get(0);
    }
}
