package org.qorgau.monitoring;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.monitoring.MonitoringApiTest.enrol;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.entryJson;
import static org.qorgau.support.Api.importNdjson;
import static org.qorgau.support.Api.uniqueId;
import static org.qorgau.support.Api.uniqueSurname;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/**
 * The whole path: enrol, the registry changes so that one enrolled person now matches, and a signed {@code
 * monitoring.new_information} reaches the organisation's receiver within 10 s, verifies with its secret and names a
 * check that exists; the person reads NEW_INFORMATION; the people who do not match cause no event.
 */
@QuarkusTest
class MonitoringWebhookBarTest {

    record Received(Map<String, List<String>> headers, String body, Instant at) {}

    @Test
    void shouldDeliverASignedNewInformationEventWithin10SecondsOfTheRegistryChange() throws Exception {
        String org = uniqueId("bar");
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), Instant.now()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/qorgau";
            String secret = as(TestTokens.token("org-admin", org))
                    .contentType("application/json")
                    .body("{\"url\":\"" + url + "\",\"description\":\"HR\"}")
                    .post("/v1/webhook-endpoints")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("secret");

            String name = "Yerlan " + uniqueSurname() + " Bolatovich";
            String coach = enrol(org, name, "1975-03-21", "COACH-1");
            String teacher = enrol(org, "Aigerim " + uniqueSurname(), "1986-11-30", "TEACHER-1");
            String cook = enrol(org, "Nurlan " + uniqueSurname(), "1975-03-21", "COOK-1"); // same birthday, other name

            // the registry learns of a conviction of the coach
            String entry = uniqueId("BAR");
            Instant changed = Instant.now();
            importNdjson("upsert", entryJson(entry, name, "1975-03-21")).then().statusCode(200);

            Received event = received.poll(10, TimeUnit.SECONDS);
            Instant arrived = Instant.now();
            assertTrue(event != null, "no webhook within 10 s of the registry change");
            assertTrue(Duration.between(changed, event.at()).toMillis() <= 10_000);
            new Webhook(secret).verify(event.body(), event.headers());
            JsonPath body = JsonPath.from(event.body());
            assertEquals("monitoring.new_information", body.getString("type"));
            assertEquals(coach, body.getString("data.monitoredPersonId"));
            assertEquals("COACH-1", body.getString("data.reference"));
            assertEquals("MATCH", body.getString("data.verdict"));
            // no registry data beyond the link to the check
            assertEquals(
                    java.util.Set.of("monitoredPersonId", "reference", "checkId", "verdict", "registryVersion"),
                    body.getMap("data").keySet());
            String checkId = body.getString("data.checkId");
            as(TestTokens.reviewer(org))
                    .get("/v1/checks/" + checkId)
                    .then()
                    .statusCode(200)
                    .body("verdict", equalTo("MATCH"))
                    .body("registryVersion", equalTo(body.getInt("data.registryVersion")));
            as(TestTokens.reviewer(org))
                    .get("/v1/monitored-people/" + coach)
                    .then()
                    .body("status", equalTo("NEW_INFORMATION"))
                    .body("statusCheckId", equalTo(checkId));

            // the people who do not match: no event, no alert, status unchanged
            assertNull(received.poll(3, TimeUnit.SECONDS), "only the matching person causes an event");
            for (String other : List.of(teacher, cook)) {
                as(TestTokens.reviewer(org))
                        .get("/v1/monitored-people/" + other)
                        .then()
                        .body("status", equalTo("NO_NEW_INFORMATION"));
            }
            as(TestTokens.screener(org)).get("/v1/alerts").then().body("alerts.size()", equalTo(1));
            System.out.printf(
                    "monitoring bar: registry change to signed webhook in %d ms%n",
                    Duration.between(changed, arrived).toMillis());
        } finally {
            server.stop(0);
        }
    }
}
