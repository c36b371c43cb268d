import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU split of a JFR recording of the service under check load, with only a JDK:
 *
 * <pre>java [-Dfrom=EPOCH_SECONDS -Dto=EPOCH_SECONDS] scripts/ProfileSplit.java RECORDING.jfr OUT_PREFIX [TITLE]</pre>
 *
 * Reads the recording's {@code jdk.ExecutionSample} events (Java threads on CPU), puts each sample in one category
 * by its stack, and writes {@code OUT_PREFIX.collapsed} (folded stacks, one "frame;frame;... count" a line, usable by
 * any flame-graph tool), {@code OUT_PREFIX.svg} (a flame graph, frames coloured by category, the name and share of a
 * frame in its tooltip) and {@code OUT_PREFIX-split.md} (the split as a Markdown table); prints the table.
 *
 * <p>A sample's category is the first of the specific ones met walking its stack from the thread's root to the
 * running frame: the engine ({@code org.qorgau.matching}), JWT verification (smallrye-jwt, jose4j), JSON (Jackson,
 * the JSON-P implementation, the UTF-8 check of JSON bodies) or the audit write ({@code org.qorgau.audit}, with the
 * JDBC it drives). A sample in none of them is database access of the check ({@code org.postgresql}, Agroal), the
 * service's own code ({@code org.qorgau} outside the above) or, when it never leaves the framework, HTTP and
 * framework (Vert.x, Netty, Quarkus, RESTEasy Reactive, CDI, the JDK below them). JFR samples Java code only: the
 * garbage collector and the JIT compiler are not in it (the recording's CPU load events give the process total).
 */
public class ProfileSplit {

    enum Category {
        ENGINE("engine (matching)", "#e8a33d", true),
        JWT("JWT verification", "#c75b7a", true),
        JSON("JSON (parse + write)", "#5b8fc7", true),
        AUDIT("audit write (group commit)", "#6aa84f", true),
        DATABASE("database reads of the check", "#8e7cc3", false),
        SERVICE("service code (validation, views, disclosure)", "#d6c75b", false),
        FRAMEWORK("HTTP + framework", "#9aa0a6", false),
        BACKGROUND("not serving a check (index builds, schedulers)", "#dddddd", false);

        final String label;
        final String colour;
        final boolean specific;

        Category(String label, String colour, boolean specific) {
            this.label = label;
            this.colour = colour;
            this.specific = specific;
        }
    }

    static Category of(String frame) {
        if (frame.startsWith("org.qorgau.matching.")) {
            return Category.ENGINE;
        }
        if (frame.startsWith("io.smallrye.jwt.")
                || frame.startsWith("org.jose4j.")
                || frame.startsWith("io.quarkus.smallrye.jwt.")
                || frame.startsWith("org.qorgau.security.VerifiedTokens")) {
            return Category.JWT;
        }
        if (frame.startsWith("com.fasterxml.jackson.")
                || frame.startsWith("org.eclipse.parsson.")
                || frame.startsWith("org.glassfish.json.")
                || frame.startsWith("org.jboss.resteasy.reactive.server.jackson.")
                || frame.startsWith("io.quarkus.resteasy.reactive.jackson.")
                || frame.startsWith("org.qorgau.runtime.StrictUtf8Json")
                || frame.startsWith("org.qorgau.screening.api.CheckResponseWriter")) {
            return Category.JSON;
        }
        if (frame.startsWith("org.qorgau.audit.")) {
            return Category.AUDIT;
        }
        if (frame.startsWith("org.postgresql.") || frame.startsWith("io.agroal.")) {
            return Category.DATABASE;
        }
        if (frame.startsWith("org.qorgau.")) {
            return Category.SERVICE;
        }
        return null;
    }

    /**
     * Whether a sample serves checks: an HTTP event loop or a request's worker thread, or the audit group-commit
     * writer. Everything else (the matching index's background builds, scheduled jobs) is reported apart.
     */
    static boolean servesChecks(List<String> rootFirst) {
        for (String frame : rootFirst) {
            if (frame.startsWith("io.quarkus.scheduler.") || frame.startsWith("org.qorgau.screening.MatchingIndex.")) {
                return false;
            }
        }
        for (String frame : rootFirst) {
            if (frame.startsWith("io.netty.")
                    || frame.startsWith("org.jboss.resteasy.reactive.")
                    || frame.startsWith("org.qorgau.audit.AuditCommitter.loop")) {
                return true;
            }
        }
        return false;
    }

    static Category classify(List<String> rootFirst) {
        if (!servesChecks(rootFirst)) {
            return Category.BACKGROUND;
        }
        Category general = Category.FRAMEWORK;
        for (String frame : rootFirst) {
            Category c = of(frame);
            if (c == null) {
                continue;
            }
            if (c.specific) {
                return c;
            }
            // the deepest general category wins: the service's code calling JDBC is database access
            if (general == Category.FRAMEWORK || c == Category.DATABASE) {
                general = c;
            }
        }
        return general;
    }

    /** A node of the flame graph. */
    static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        long samples;
        Category category;

        Node(String name) {
            this.name = name;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java scripts/ProfileSplit.java RECORDING.jfr OUT_PREFIX [TITLE]");
            System.exit(2);
        }
        Path recording = Path.of(args[0]);
        String prefix = args[1];
        String title = args.length > 2 ? args[2] : recording.getFileName().toString();
        // -Dfrom= and -Dto= (epoch seconds) keep the events of the measured window only: a recording dumped from
        // Flight Recorder's buffers holds whole chunks, which begin before it.
        java.time.Instant from = java.time.Instant.ofEpochSecond(Long.getLong("from", 0));
        java.time.Instant to = java.time.Instant.ofEpochSecond(Long.getLong("to", Long.MAX_VALUE / 2000));
        Map<String, Long> folded = new TreeMap<>();
        Map<Category, Long> split = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            split.put(c, 0L);
        }
        long total = 0;
        long interpreted = 0;
        double cpuSum = 0;
        int cpuEvents = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                String type = event.getEventType().getName();
                if (type.equals("jdk.CPULoad")) {
                    cpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                    cpuEvents++;
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty() && "Interpreted".equals(frames.get(0).getType())) {
                    interpreted++;
                }
                List<String> rootFirst = new ArrayList<>(frames.size());
                for (int i = frames.size() - 1; i >= 0; i--) {
                    RecordedMethod m = frames.get(i).getMethod();
                    rootFirst.add(m.getType().getName() + "." + m.getName());
                }
                Category category = classify(rootFirst);
                split.merge(category, 1L, Long::sum);
                total++;
                folded.merge(category.name() + ";" + String.join(";", rootFirst), 1L, Long::sum);
            }
        }
        if (total == 0) {
            System.err.println("no jdk.ExecutionSample events in " + recording);
            System.exit(1);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(prefix + ".collapsed")))) {
            for (Map.Entry<String, Long> e : folded.entrySet()) {
                String stack = e.getKey().substring(e.getKey().indexOf(';') + 1);
                out.println(stack + " " + e.getValue());
            }
        }
        long serving = total - split.get(Category.BACKGROUND);
        StringBuilder table = new StringBuilder();
        table.append("| category | samples | share of the check path |\n|---|---|---|\n");
        for (Map.Entry<Category, Long> e : split.entrySet()) {
            if (e.getKey() == Category.BACKGROUND) {
                continue;
            }
            table.append(String.format(
                    Locale.ROOT, "| %s | %d | %.1f %% |%n", e.getKey().label, e.getValue(), 100.0 * e.getValue() / serving));
        }
        table.append(String.format(Locale.ROOT, "| **check path, all** | %d | 100 %% |%n", serving));
        table.append(String.format(
                Locale.ROOT, "| (%s, not in the split) | %d | |%n", Category.BACKGROUND.label, split.get(Category.BACKGROUND)));
        if (cpuEvents > 0) {
            table.append(String.format(
                    Locale.ROOT,
                    "%nProcess CPU during the recording (jdk.CPULoad, JVM user + system, all threads incl. GC/JIT):"
                            + " %.0f %% of the machine.%n",
                    100.0 * cpuSum / cpuEvents));
        }
        // A sample whose running frame is interpreted is code the JIT has not compiled (yet, or again after a
        // deoptimisation): such a profile shows the interpreter's costs, not the service's.
        table.append(String.format(
                Locale.ROOT,
                "%nSamples whose running frame was interpreted: %.1f %%%s%n",
                100.0 * interpreted / total,
                interpreted * 10 > total ? " — too many: the code was not warm, so this split is not the service's" : ""));
        Files.writeString(Path.of(prefix + "-split.md"), table.toString(), StandardCharsets.UTF_8);
        System.out.print(table);
        Map<String, Long> checkPath = new TreeMap<>(folded);
        checkPath.keySet().removeIf(stack -> stack.startsWith(Category.BACKGROUND.name() + ";"));
        writeSvg(checkPath, serving, title, Path.of(prefix + ".svg"));
    }

    // ------------------------------------------------------------------------------------------ flame graph (SVG)

    static final int WIDTH = 1200;
    static final int ROW = 16;
    static final double MIN_WIDTH = 1.0;

    static void writeSvg(Map<String, Long> folded, long total, String title, Path target) throws IOException {
        Node root = new Node("all");
        root.samples = total;
        for (Map.Entry<String, Long> e : folded.entrySet()) {
            String[] parts = e.getKey().split(";");
            Category category = Category.valueOf(parts[0]);
            Node node = root;
            for (int i = 1; i < parts.length; i++) {
                node = node.children.computeIfAbsent(parts[i], Node::new);
                node.samples += e.getValue();
                // a frame shared by several categories takes the category of most of its samples (approximately:
                // the first seen; the leaves, where it matters, are exact)
                if (node.category == null) {
                    node.category = category;
                }
            }
        }
        int depth = depth(root);
        int height = (depth + 3) * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                        + " height=\"%d\" font-family=\"monospace\" font-size=\"11\">%n",
                WIDTH,
                height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append(String.format(
                Locale.ROOT, "<text x=\"6\" y=\"16\" font-size=\"13\">%s — %d samples</text>%n", escape(title), total));
        int legendX = 6;
        for (Category c : Category.values()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"24\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"33\">%s</text>%n",
                    legendX,
                    c.colour,
                    legendX + 13,
                    escape(c.label)));
            legendX += 18 + c.label.length() * 7;
        }
        draw(svg, root, 0, WIDTH, height - ROW, total);
        svg.append("</svg>\n");
        Files.writeString(target, svg.toString(), StandardCharsets.UTF_8);
    }

    static int depth(Node node) {
        int max = 0;
        for (Node child : node.children.values()) {
            max = Math.max(max, depth(child));
        }
        return max + 1;
    }

    /** Root at the bottom, callees above. */
    static void draw(StringBuilder svg, Node node, double x, double width, int y, long total) {
        if (width < MIN_WIDTH) {
            return;
        }
        String colour = node.category == null ? "#cccccc" : node.category.colour;
        String tip = String.format(
                Locale.ROOT, "%s (%d samples, %.2f %%)", node.name, node.samples, 100.0 * node.samples / total);
        svg.append(String.format(
                Locale.ROOT,
                "<g><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\""
                        + " stroke=\"#ffffff\" stroke-width=\"0.5\"/>",
                escape(tip),
                x,
                y,
                width,
                ROW - 1,
                colour));
        int chars = (int) ((width - 4) / 6.6);
        if (chars >= 3) {
            String label = shortName(node.name);
            if (label.length() > chars) {
                label = label.substring(0, Math.max(1, chars - 2)) + "..";
            }
            svg.append(String.format(
                    Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>", x + 2, y + ROW - 4, escape(label)));
        }
        svg.append("</g>\n");
        List<Node> children = new ArrayList<>(node.children.values());
        children.sort(Comparator.comparing(n -> n.name));
        double cx = x;
        for (Node child : children) {
            double w = width * child.samples / node.samples;
            draw(svg, child, cx, w, y - ROW, total);
            cx += w;
        }
    }

    static String shortName(String frame) {
        int method = frame.lastIndexOf('.');
        int type = method > 0 ? frame.lastIndexOf('.', method - 1) : -1;
        return type >= 0 ? frame.substring(type + 1) : frame;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
