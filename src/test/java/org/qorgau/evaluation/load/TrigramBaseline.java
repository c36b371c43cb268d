package org.qorgau.evaluation.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.qorgau.matching.NameNormalizer;
import org.qorgau.matching.Transliterator;

/**
 * The SQL trigram baseline of the load benchmark: what a competent team would build instead of Qorgau — a
 * {@code pg_trgm} index on the transliterated name with the birth year in the same index, a similarity threshold no
 * lower than the lowest similarity it reports, a connection pool sized to the cores, and one audit row per check,
 * committed before the answer (autocommit, {@code synchronous_commit} as the server has it, one transaction per check).
 *
 * <pre>
 * TrigramBaseline prepare JDBC_URL USER PASSWORD [gin|gist|trgm-gin]   # builds baseline_name from registry_entry
 * TrigramBaseline serve JDBC_URL USER PASSWORD PORT THREADS [THRESHOLD] # POST /v1/checks with Qorgau's request body
 * </pre>
 *
 * Indexes: {@code gin} is a GIN index over the name's trigrams and the birth year ({@code btree_gin}); {@code gist} a
 * GiST index over the birth year and the name's trigrams ({@code btree_gist}); {@code trgm-gin} the name's trigrams
 * alone, the first version of this baseline. {@code THREADS} is both the HTTP worker count and the number of database
 * connections (one each); more than a few per core only makes the checks wait on each other. {@code THRESHOLD} is
 * {@code pg_trgm.similarity_threshold} (default {@value #DEFAULT_THRESHOLD}: the lowest similarity the baseline reports
 * as a possible match, so raising the threshold to it changes no answer; 0.3, the extension's default, was the first
 * version's).
 *
 * It serves the same request bodies over HTTP so that the same load tool (wrk) with the same script drives it as drives
 * Qorgau; the bearer token is not verified (which favours the baseline). Names are normalised and transliterated with
 * Qorgau's own {@link NameNormalizer} and ICAO 9303 {@link Transliterator}, so both sides start from the same text.
 */
public final class TrigramBaseline {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The lowest similarity reported (POSSIBLE_MATCH), and so the default similarity threshold. */
    static final double POSSIBLE = 0.45;

    /** Similarity (with the same full date of birth) reported as MATCH. */
    static final double MATCH = 0.6;

    static final double DEFAULT_THRESHOLD = POSSIBLE;

    private static final String QUERY = "select b.external_id, similarity(b.name_latin, ?) as s, b.dob"
            + " from baseline_name b where b.name_latin % ? and b.dob_year between ? and ?"
            + " order by s desc limit 5";

    private TrigramBaseline() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TrigramBaseline prepare JDBC_URL USER PASSWORD [gin|gist|trgm-gin]\n"
                    + "       TrigramBaseline serve JDBC_URL USER PASSWORD PORT THREADS [THRESHOLD]");
            System.exit(2);
        }
        switch (args[0]) {
            case "prepare" -> prepare(args[1], args[2], args[3], args.length > 4 ? args[4] : "gin");
            case "serve" ->
                serve(
                        args[1],
                        args[2],
                        args[3],
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]),
                        args.length > 6 ? Double.parseDouble(args[6]) : DEFAULT_THRESHOLD);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** The name as the baseline indexes and queries it: normalised, Cyrillic transliterated (ICAO 9303). */
    static String latin(String name) {
        return Transliterator.transliterate(NameNormalizer.normalize(name), Transliterator.Scheme.ICAO_9303);
    }

    /** The index statement of each kind. */
    static String indexDdl(String kind) {
        return switch (kind) {
            case "gin" ->
                "create index baseline_name_idx on baseline_name using gin (name_latin gin_trgm_ops," + " dob_year)";
            case "gist" ->
                "create index baseline_name_idx on baseline_name using gist (dob_year," + " name_latin gist_trgm_ops)";
            case "trgm-gin" -> "create index baseline_name_idx on baseline_name using gin (name_latin gin_trgm_ops)";
            default -> throw new IllegalArgumentException("index kind gin, gist or trgm-gin: " + kind);
        };
    }

    static void prepare(String url, String user, String password, String kind) throws SQLException, IOException {
        String ddl = indexDdl(kind);
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            try (Statement s = connection.createStatement()) {
                s.execute("create extension if not exists pg_trgm");
                if (!kind.equals("trgm-gin")) {
                    s.execute("create extension if not exists " + (kind.equals("gin") ? "btree_gin" : "btree_gist"));
                }
                s.execute("drop table if exists baseline_name");
                s.execute("drop table if exists baseline_audit");
                s.execute("create table baseline_name (external_id text not null, name_latin text not null,"
                        + " dob text not null, dob_year int not null)");
                s.execute("create table baseline_audit (id bigserial primary key, check_id uuid not null,"
                        + " occurred_at timestamptz not null default now(), query jsonb not null,"
                        + " outcome jsonb not null)");
            }
            long rows = 0;
            try (Connection reader = DriverManager.getConnection(url, user, password)) {
                reader.setAutoCommit(false);
                try (PreparedStatement select = reader.prepareStatement(
                        "select external_id, full_name, aliases::text, date_of_birth from registry_entry")) {
                    select.setFetchSize(10_000);
                    PGConnection pg = connection.unwrap(PGConnection.class);
                    try (ResultSet rs = select.executeQuery();
                            OutputStream copy = new PGCopyOutputStream(
                                    pg, "copy baseline_name from stdin with (format text)", 1 << 16);
                            Writer out = new java.io.OutputStreamWriter(copy, StandardCharsets.UTF_8)) {
                        while (rs.next()) {
                            String id = rs.getString(1);
                            String dob = rs.getString(4);
                            int year = Integer.parseInt(dob.substring(0, 4));
                            rows += row(out, id, rs.getString(2), dob, year);
                            for (JsonNode alias : JSON.readTree(rs.getString(3))) {
                                rows += row(out, id, alias.asText(), dob, year);
                            }
                        }
                    }
                }
            }
            long copied = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute("set maintenance_work_mem = '512MB'");
                s.execute(ddl);
                s.execute("analyze baseline_name");
            }
            System.out.printf(
                    Locale.ROOT,
                    "baseline_name: %d names copied in %.1f s, %s index built in %.1f s%n",
                    rows,
                    (copied - started) / 1e9,
                    kind,
                    (System.nanoTime() - copied) / 1e9);
        }
    }

    private static int row(Writer out, String id, String name, String dob, int year) throws IOException {
        String latin = latin(name).replace('\t', ' ').replace('\\', ' ').replace('\n', ' ');
        out.write(id + "\t" + latin + "\t" + dob + "\t" + year + "\n");
        return 1;
    }

    static void serve(String url, String user, String password, int port, int threads, double threshold)
            throws IOException {
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(url, user, password);
                try (Statement s = c.createStatement()) {
                    s.execute("set pg_trgm.similarity_threshold = " + threshold);
                }
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/v1/checks", exchange -> handle(exchange, connections.get()));
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.printf(
                Locale.ROOT,
                "trigram baseline listening on %d with %d threads and connections, similarity threshold %.2f%n",
                port,
                threads,
                threshold);
    }

    private static void handle(HttpExchange exchange, Connection connection) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            byte[] answer;
            int status = 201;
            try {
                answer = check(connection, JSON.readTree(body));
            } catch (Exception e) {
                status = 500;
                answer = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** One check: trigram search with a ±1 year filter, then one durable audit row, then the answer. */
    static byte[] check(Connection connection, JsonNode request) throws SQLException, IOException {
        JsonNode candidate = request.get("candidate");
        String name = latin(candidate.get("fullName").asText());
        String dob = candidate.get("dateOfBirth").asText();
        int year = Integer.parseInt(dob.substring(0, 4));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode matches = answer.putArray("matches");
        String verdict = "NO_MATCH";
        try (PreparedStatement q = connection.prepareStatement(QUERY)) {
            q.setString(1, name);
            q.setString(2, name);
            q.setInt(3, year - 1);
            q.setInt(4, year + 1);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    double similarity = rs.getDouble(2);
                    boolean sameDate = dob.equals(rs.getString(3));
                    String v = similarity >= MATCH && sameDate
                            ? "MATCH"
                            : similarity >= POSSIBLE ? "POSSIBLE_MATCH" : null;
                    if (v == null) {
                        continue;
                    }
                    if (!"MATCH".equals(verdict)) {
                        verdict = v;
                    }
                    matches.addObject()
                            .put("externalId", rs.getString(1))
                            .put("similarity", similarity)
                            .put("verdict", v);
                }
            }
        }
        UUID checkId = UUID.randomUUID();
        answer.put("checkId", checkId.toString()).put("verdict", verdict);
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into baseline_audit (check_id, query, outcome) values (?, ?::jsonb, ?::jsonb)")) {
            insert.setObject(1, checkId);
            insert.setString(2, JSON.writeValueAsString(request));
            insert.setString(3, JSON.writeValueAsString(answer));
            insert.executeUpdate(); // autocommit: durable before the answer is written
        }
        return JSON.writeValueAsBytes(answer);
    }
}
