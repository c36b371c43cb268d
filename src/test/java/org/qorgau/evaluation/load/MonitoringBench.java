package org.qorgau.evaluation.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Continuous monitoring at scale, against a running service (see {@code scripts/bench-monitoring}): enrols people through
 * the API ({@code POST /v1/monitored-people/batch}, 500 at a time), applies one registry upsert, and times until every re-screen it caused is done and every alert created (read
 * from the service's database). The enrolled people are {@code people.ndjson} (not registered) plus the first
 * {@code planted} entries of the upsert file, who become registered by the upsert and must each get an alert.
 * With {@code verify-full} it then forces a full re-screen of everyone (as after an engine change) and reports the
 * alerts it adds: zero means the re-screens against the changed entries alone found everything a full re-screen finds.
 *
 * <pre>MonitoringBench URL JDBC SCREENER_TOKEN ADMIN_TOKEN people.ndjson upsert.ndjson planted threads [verify-full]</pre>
 */
public final class MonitoringBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** People per {@code POST /v1/monitored-people/batch}. */
    private static final int BATCH = 500;

    private MonitoringBench() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String jdbc = args[1];
        String token = args[2];
        String adminToken = args[3];
        Path people = Path.of(args[4]);
        Path upsert = Path.of(args[5]);
        int planted = Integer.parseInt(args[6]);
        int threads = Integer.parseInt(args[7]);
        boolean verifyFull = args.length > 8 && args[8].equals("verify-full");
        HttpClient client = HttpClient.newHttpClient();

        List<JsonNode> enrol = new ArrayList<>();
        List<String> upsertLines = Files.readAllLines(upsert);
        for (int i = 0; i < planted && i < upsertLines.size(); i++) {
            enrol.add(JSON.readTree(upsertLines.get(i)));
        }
        for (String line : Files.readAllLines(people)) {
            enrol.add(JSON.readTree(line));
        }

        long t0 = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        // POST /v1/monitored-people/batch, BATCH people at a time, `threads` batches at once
        for (int from = 0; from < enrol.size(); from += BATCH) {
            int start = from;
            int end = Math.min(enrol.size(), from + BATCH);
            running.add(pool.submit(() -> {
                ObjectNode body = JSON.createObjectNode();
                body.put("purpose", "EMPLOYMENT");
                body.put("consentReference", "BENCH");
                var items = body.putArray("people");
                for (int i = start; i < end; i++) {
                    JsonNode person = enrol.get(i);
                    ObjectNode item = items.addObject();
                    ObjectNode candidate = item.putObject("candidate");
                    candidate.put("fullName", person.get("fullName").asText());
                    candidate.put("dateOfBirth", person.get("dateOfBirth").asText());
                    item.put("reference", (i < planted ? "PLANTED-" : "P-") + i);
                }
                try {
                    HttpResponse<String> answer = client.send(
                            HttpRequest.newBuilder(URI.create(url + "/v1/monitored-people/batch"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        failed.addAndGet(end - start);
                    } else {
                        failed.addAndGet(
                                JSON.readTree(answer.body()).get("failed").asInt());
                    }
                } catch (IOException | InterruptedException e) {
                    failed.addAndGet(end - start);
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        double enrolSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "enrolled %d people (%d refused, e.g. too broad) in batches of %d in %.1f s (%.0f/s); load %s%n",
                enrol.size() - failed.get(),
                failed.get(),
                BATCH,
                enrolSeconds,
                (enrol.size() - failed.get()) / enrolSeconds,
                loadAverage());

        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            long head = scalar(db, "select version from registry_head");
            waitUntil(db, head, "before the upsert", System.nanoTime());
            long alertsBefore = scalar(db, "select count(*) from monitoring_alert");

            // checks at a steady pace, before and while the re-screens run: their latency shows what re-screening costs
            CheckProbe probe = new CheckProbe(client, url, token, enrol);
            Thread probing = new Thread(probe, "check-probe");
            probing.setDaemon(true);
            probing.start();
            Thread.sleep(QUIET_MILLIS);
            long t1 = System.nanoTime();
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(url + "/v1/registry/imports?mode=upsert"))
                            .header("Authorization", "Bearer " + adminToken)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofFile(upsert))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("upsert answered " + answer.statusCode() + ": " + answer.body());
            }
            long version = JSON.readTree(answer.body()).get("registryVersion").asLong();
            double importSeconds = (System.nanoTime() - t1) / 1e9;
            double foundSeconds = waitUntil(db, version, "after the upsert", t1);
            long t2done = System.nanoTime();
            double doneSeconds = (t2done - t1) / 1e9;
            probe.stop();
            long alerts = scalar(db, "select count(*) from monitoring_alert") - alertsBefore;
            long plantedAlerts = scalar(
                    db,
                    "select count(distinct a.monitored_person_id) from monitoring_alert a join monitored_person p"
                            + " on p.id = a.monitored_person_id where p.reference like 'PLANTED-%'"
                            + " and a.registry_version >= " + version);
            long rescreens = scalar(
                    db,
                    "select count(*) from screening_check where purpose = 'PERIODIC_RESCREEN'"
                            + " and registry_version >= " + version);
            System.out.printf(
                    Locale.ROOT,
                    "upsert of %d entries: import answered in %.1f s; affected people found (cursor moved) %.1f s and"
                            + " every re-screen done and every alert created %.1f s after the upsert was sent; %d"
                            + " re-screens (audited checks), %d alerts, %d of %d planted people alerted; load %s%n",
                    upsertLines.size(),
                    importSeconds,
                    foundSeconds,
                    doneSeconds,
                    rescreens,
                    alerts,
                    plantedAlerts,
                    planted,
                    loadAverage());
            System.out.printf(
                    Locale.ROOT,
                    "checks meanwhile (one at a time, %d a second): %s in the %d s before the upsert, %s from the upsert"
                            + " until the last alert%n",
                    CheckProbe.PER_SECOND,
                    probe.summary(t1 - QUIET_MILLIS * 1_000_000L, t1),
                    QUIET_MILLIS / 1000,
                    probe.summary(t1, t2done));
            if (verifyFull) {
                long t2 = System.nanoTime();
                try (Statement statement = db.createStatement()) {
                    statement.execute("update monitoring_cursor set engine_version = 'bench-full-rescreen'");
                }
                Thread.sleep(3_000);
                waitUntil(db, version, "during the full re-screen", t2);
                long extra = scalar(db, "select count(*) from monitoring_alert") - alertsBefore - alerts;
                System.out.printf(
                        Locale.ROOT,
                        "full re-screen of everyone: %.1f s, %d alerts beyond those of the delta re-screen%n",
                        (System.nanoTime() - t2) / 1e9,
                        extra);
            }
        }
    }

    /** How long the check probe runs before the upsert is sent. */
    private static final long QUIET_MILLIS = 20_000;

    /** Checks of enrolled people's names, one at a time at a steady pace; each one's start and latency. */
    private static final class CheckProbe implements Runnable {
        static final int PER_SECOND = 4;

        private final HttpClient client;
        private final String url;
        private final String token;
        private final List<JsonNode> people;
        private final List<long[]> samples = new ArrayList<>(); // {started (nanos), latency (micros), status}
        private volatile boolean stopped;

        CheckProbe(HttpClient client, String url, String token, List<JsonNode> people) {
            this.client = client;
            this.url = url;
            this.token = token;
            this.people = people;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            java.util.Random random = new java.util.Random(7);
            long next = System.nanoTime();
            while (!stopped) {
                JsonNode person = people.get(random.nextInt(people.size()));
                ObjectNode body = JSON.createObjectNode();
                ObjectNode candidate = body.putObject("candidate");
                candidate.put("fullName", person.get("fullName").asText());
                candidate.put("dateOfBirth", person.get("dateOfBirth").asText());
                body.put("purpose", "EMPLOYMENT");
                body.put("consentReference", "BENCH-PROBE");
                long started = System.nanoTime();
                int status;
                try {
                    status = client.send(
                                    HttpRequest.newBuilder(URI.create(url + "/v1/checks"))
                                            .header("Authorization", "Bearer " + token)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (samples) {
                    samples.add(new long[] {started, (System.nanoTime() - started) / 1_000, status});
                }
                next += 1_000_000_000L / PER_SECOND;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime(); // behind: no burst to catch up
                }
            }
        }

        /** p50 / p99 / max of the checks started in [from, to), and how many answered other than 2xx or 422. */
        String summary(long from, long to) {
            List<Long> micros = new ArrayList<>();
            int errors = 0;
            synchronized (samples) {
                for (long[] sample : samples) {
                    if (sample[0] >= from && sample[0] < to) {
                        micros.add(sample[1]);
                        if (sample[2] / 100 != 2 && sample[2] != 422) { // 422: refused as too broad, by design
                            errors++;
                        }
                    }
                }
            }
            if (micros.isEmpty()) {
                return "no checks";
            }
            java.util.Collections.sort(micros);
            return String.format(
                    Locale.ROOT,
                    "%d checks, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors",
                    micros.size(),
                    micros.get(micros.size() / 2) / 1000.0,
                    micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1)) / 1000.0,
                    micros.get(micros.size() - 1) / 1000.0,
                    errors);
        }
    }

    private static String loadAverage() {
        try {
            return String.join(
                    " ",
                    Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Waits until the cursor reached {@code version} and no re-screen is due; returns the seconds from {@code since}
     * until the cursor reached it (the affected people were found).
     */
    private static double waitUntil(Connection db, long version, String when, long since)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        double found = -1;
        while (System.nanoTime() < deadline) {
            long cursor = scalar(db, "select registry_version from monitoring_cursor");
            String engine = text(db, "select coalesce(engine_version, '') from monitoring_cursor");
            long due = scalar(
                    db,
                    "select count(*) from monitored_person where due_version is not null" + " and ended_at is null");
            if (found < 0 && cursor >= version && !engine.equals("bench-full-rescreen")) {
                found = (System.nanoTime() - since) / 1e9;
            }
            if (cursor >= version && due == 0 && !engine.equals("bench-full-rescreen")) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("re-screening did not finish " + when);
    }

    private static long scalar(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
