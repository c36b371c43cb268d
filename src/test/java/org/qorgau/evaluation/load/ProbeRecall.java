package org.qorgau.evaluation.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall and false matches of a check service on the load benchmark's own probes: sends the first {@code N} check
 * bodies one at a time to {@code URL/v1/checks} and compares each answer with the probe's label (the registry id it is
 * a variant of, or none). The same tool measures Qorgau and the SQL baseline, whose answers share the fields read here
 * ({@code verdict}, {@code matches[].externalId}).
 *
 * <pre>ProbeRecall URL TOKEN BODIES.ndjson LABELS.tsv N</pre>
 *
 * Prints one line: {@code recall R % (found/registered), false MATCH F % and false POSSIBLE_MATCH P % (of n not
 * registered), errors E, mean S ms}. Found means a verdict other than NO_MATCH with the expected id among the matches,
 * as the evaluation harness counts it.
 */
public final class ProbeRecall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeRecall() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 5) {
            System.err.println("usage: ProbeRecall URL TOKEN BODIES.ndjson LABELS.tsv N");
            System.exit(2);
        }
        String url = args[0].replaceAll("/$", "") + "/v1/checks";
        String token = args[1];
        List<String> bodies = Files.readAllLines(Path.of(args[2]));
        List<String> labels = Files.readAllLines(Path.of(args[3]));
        int n = Math.min(Integer.parseInt(args[4]), Math.min(bodies.size(), labels.size()));
        // HTTP/1.1 as wrk speaks it (no h2c upgrade, which the baseline's JDK server does not answer)
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        int registered = 0;
        int found = 0;
        int strangers = 0;
        int falseMatch = 0;
        int falsePossible = 0;
        int errors = 0;
        Map<String, Integer> statuses = new TreeMap<>();
        int registeredRefused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String[] label = labels.get(i).split("\t");
            String expected = label[1].equals("-") ? null : label[1];
            HttpResponse<String> response;
            try {
                response = client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                errors++;
                continue;
            }
            if (response.statusCode() != 201) {
                // A refusal is a real answer for a registered person who was therefore not found: counted apart, by
                // status and problem type (422 too-broad: more namesakes than one answer may disclose).
                errors++;
                String type = "";
                try {
                    String t = JSON.readTree(response.body()).path("type").asText("");
                    type = t.isEmpty() ? "" : " " + t.substring(t.lastIndexOf('/') + 1);
                } catch (java.io.IOException notJson) {
                    // keep the status alone
                }
                statuses.merge(response.statusCode() + type, 1, Integer::sum);
                if (expected != null) {
                    registeredRefused++;
                }
                continue;
            }
            JsonNode answer = JSON.readTree(response.body());
            String verdict = answer.path("verdict").asText();
            if (expected != null) {
                registered++;
                boolean listed = false;
                for (JsonNode match : answer.path("matches")) {
                    listed |= expected.equals(match.path("externalId").asText());
                }
                if (listed && !"NO_MATCH".equals(verdict)) {
                    found++;
                }
            } else {
                strangers++;
                if ("MATCH".equals(verdict)) {
                    falseMatch++;
                } else if ("POSSIBLE_MATCH".equals(verdict)) {
                    falsePossible++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "recall %.1f %% (%d/%d registered), false MATCH %.2f %% and false POSSIBLE_MATCH %.2f %% (of %d not"
                        + " registered), errors %d %s, of them %d for registered people (not in the recall), mean %.1f"
                        + " ms%n",
                100.0 * found / Math.max(registered, 1),
                found,
                registered,
                100.0 * falseMatch / Math.max(strangers, 1),
                100.0 * falsePossible / Math.max(strangers, 1),
                strangers,
                errors,
                statuses.isEmpty() ? "" : "(statuses " + statuses + ")",
                registeredRefused,
                (System.nanoTime() - started) / 1e6 / Math.max(n, 1));
    }
}
