package org.qorgau.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.uniqueId;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qorgau.support.Db;
import org.qorgau.support.TestTokens;
import org.qorgau.webhook.Receiver.Received;
import org.qorgau.webhook.Receiver.Reply;

/**
 * Deliveries to a real receiver on this machine, verified with the Standard Webhooks library. The test profile retries
 * after 1 s, 1 s, 2 s, 2 s, 3 s and times an attempt out after 2 s (production: 5 s ... 24 h, 15 s).
 */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    WebhookService webhooks;

    @Inject
    WebhookStore store;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WebhookSecrets secrets;

    static JsonPath createEndpoint(String org, String url) {
        return as(TestTokens.token("org-admin", org))
                .contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"description\":\"HR system\"}")
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .body("secret", startsWith("whsec_"))
                .body("status", equalTo("ENABLED"))
                .extract()
                .jsonPath();
    }

    private void publish(String org, String reference) {
        QuarkusTransaction.requiringNew()
                .run(() -> webhooks.publish(
                        org, "monitoring.new_information", Instant.now(), Map.of("reference", reference)));
    }

    private static void verify(String secret, Received received) throws WebhookVerificationException {
        new Webhook(secret).verify(received.body(), received.headers());
    }

    private static JsonPath deliveries(String org, String endpoint) {
        return as(TestTokens.token("org-admin", org))
                .get("/v1/webhook-endpoints/" + endpoint + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath awaitDelivery(String org, String endpoint, String status, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonPath page = deliveries(org, endpoint);
        while (!status.equals(page.getString("deliveries[0].status"))) {
            assertTrue(System.nanoTime() < deadline, "delivery never " + status + ": " + page.prettify());
            Thread.sleep(200);
            page = deliveries(org, endpoint);
        }
        return page;
    }

    @Test
    void shouldDeliverASignedEventThatTheStandardWebhooksLibraryVerifies() throws Exception {
        String org = uniqueId("wh-ok");
        try (Receiver receiver = Receiver.start()) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            String secret = endpoint.getString("secret");
            publish(org, "EMP-1");
            Received received = receiver.next(Duration.ofSeconds(10));
            verify(secret, received);
            assertTrue(received.header("webhook-id").startsWith("msg_"));
            assertTrue(received.header("webhook-signature").startsWith("v1,"));
            JsonPath body = JsonPath.from(received.body());
            assertEquals("monitoring.new_information", body.getString("type"));
            assertEquals("EMP-1", body.getString("data.reference"));
            assertNotNull(body.getString("timestamp"));
            // a tampered body or another secret does not verify
            assertThrows(
                    WebhookVerificationException.class,
                    () -> new Webhook(secret).verify(received.body().replace("EMP-1", "EMP-2"), received.headers()));
            assertThrows(
                    WebhookVerificationException.class,
                    () -> new Webhook(WebhookSigner.newSecret()).verify(received.body(), received.headers()));
            JsonPath page = awaitDelivery(org, endpoint.getString("endpointId"), "DELIVERED", Duration.ofSeconds(5));
            assertEquals(1, page.getInt("deliveries[0].attempts"));
            assertEquals(received.header("webhook-id"), page.getString("deliveries[0].messageId"));
            assertEquals(
                    7,
                    UUID.fromString(page.getString("deliveries[0].deliveryId")).version(),
                    "deliveries have time-ordered ids");
        }
    }

    @Test
    void shouldRetryServerErrorsWithTheSameWebhookIdAndHonourRetryAfter() throws Exception {
        String org = uniqueId("wh-500");
        try (Receiver receiver = Receiver.start(Reply.status(500), new Reply(503, "3", Duration.ZERO))) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            publish(org, "EMP-2");
            Received first = receiver.next(Duration.ofSeconds(10));
            Received second = receiver.next(Duration.ofSeconds(10));
            Received third = receiver.next(Duration.ofSeconds(15));
            assertEquals(first.header("webhook-id"), second.header("webhook-id"));
            assertEquals(first.header("webhook-id"), third.header("webhook-id"));
            assertEquals(first.body(), third.body());
            verify(endpoint.getString("secret"), third);
            // the 503 asked for 3 s; the schedule alone would have retried after about 1 s
            long waited = Duration.between(second.at(), third.at()).toMillis();
            assertTrue(waited >= 2_900, "Retry-After: 3 honoured, waited " + waited + " ms");
            JsonPath page = awaitDelivery(org, endpoint.getString("endpointId"), "DELIVERED", Duration.ofSeconds(5));
            assertEquals(3, page.getInt("deliveries[0].attempts"));
        }
    }

    @Test
    void shouldDeliverOnceAReceiverThatWasDownComesUp() throws Exception {
        String org = uniqueId("wh-down");
        try (Receiver receiver = Receiver.down()) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            String id = endpoint.getString("endpointId");
            publish(org, "EMP-3");
            // refused connections are retried on the schedule
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (deliveries(org, id).getInt("deliveries[0].attempts") < 2) {
                assertTrue(System.nanoTime() < deadline, "no retry while the receiver was down");
                Thread.sleep(200);
            }
            assertEquals("PENDING", deliveries(org, id).getString("deliveries[0].status"));
            assertEquals("connection refused", deliveries(org, id).getString("deliveries[0].lastError"));
            receiver.listen();
            Received received = receiver.next(Duration.ofSeconds(15));
            verify(endpoint.getString("secret"), received);
            awaitDelivery(org, id, "DELIVERED", Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldTimeOutASlowReceiverAndRetry() throws Exception {
        String org = uniqueId("wh-slow");
        try (Receiver receiver = Receiver.start(new Reply(200, null, Duration.ofSeconds(4)))) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            publish(org, "EMP-4");
            Received slow = receiver.next(Duration.ofSeconds(10));
            Received retried = receiver.next(Duration.ofSeconds(15));
            assertEquals(slow.header("webhook-id"), retried.header("webhook-id"));
            JsonPath page = awaitDelivery(org, endpoint.getString("endpointId"), "DELIVERED", Duration.ofSeconds(10));
            assertEquals(2, page.getInt("deliveries[0].attempts"));
        }
    }

    @Test
    void shouldDisableTheEndpointWhenTheReceiverAnswers410() throws Exception {
        String org = uniqueId("wh-gone");
        try (Receiver receiver = Receiver.start(Reply.status(410))) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            String id = endpoint.getString("endpointId");
            publish(org, "EMP-5");
            receiver.next(Duration.ofSeconds(10));
            JsonPath page = awaitDelivery(org, id, "FAILED", Duration.ofSeconds(5));
            assertEquals(410, page.getInt("deliveries[0].lastStatusCode"));
            as(TestTokens.token("org-admin", org))
                    .get("/v1/webhook-endpoints/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("DISABLED"));
            // nothing more is sent to it, and it cannot be redelivered to
            publish(org, "EMP-6");
            assertNull(receiver.poll(Duration.ofSeconds(3)));
            as(TestTokens.token("org-admin", org))
                    .post("/v1/webhook-endpoints/" + id + "/deliveries/" + page.getString("deliveries[0].deliveryId")
                            + "/redelivery")
                    .then()
                    .statusCode(409);
        }
    }

    @Test
    void shouldGiveUpAfterTheLastScheduledRetry() throws Exception {
        String org = uniqueId("wh-fail");
        try (Receiver receiver = Receiver.start(
                Reply.status(500),
                Reply.status(500),
                Reply.status(500),
                Reply.status(500),
                Reply.status(500),
                Reply.status(500))) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            publish(org, "EMP-7");
            JsonPath page = awaitDelivery(org, endpoint.getString("endpointId"), "FAILED", Duration.ofSeconds(30));
            assertEquals(6, page.getInt("deliveries[0].attempts"), "the first attempt and five retries");
            assertEquals("HTTP 500", page.getString("deliveries[0].lastError"));
        }
    }

    @Test
    void shouldSendADeliveryClaimedByAReplicaThatDiedOnceItsLeaseLapses() throws Exception {
        String org = uniqueId("wh-dead");
        try (Receiver receiver = Receiver.down()) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            String id = endpoint.getString("endpointId");
            // the outbox row is leased the way a claiming replica leases it, and that replica "dies": nobody sends it
            // or records an outcome until the lease lapses
            publishClaimedByADeadReplica(org, Duration.ofSeconds(4));
            receiver.listen();
            Instant claimed = Instant.now();
            Received received = receiver.next(Duration.ofSeconds(15));
            assertTrue(
                    Duration.between(claimed, received.at()).toMillis() >= 2_500,
                    "sent only after the dead replica's lease lapsed");
            verify(endpoint.getString("secret"), received);
            awaitDelivery(org, id, "DELIVERED", Duration.ofSeconds(5));
        }
    }

    /** Publishes and, in the same transaction, leases the new delivery for {@code lease} as a claiming replica would. */
    private void publishClaimedByADeadReplica(String org, Duration lease) {
        QuarkusTransaction.requiringNew().run(() -> {
            webhooks.publish(org, "monitoring.new_information", Instant.now(), Map.of("reference", "EMP-8"));
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager().flush();
            io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                    .createNativeQuery("update webhook_delivery set next_attempt_at = now() + make_interval(secs => ?1)"
                            + " where status = 'PENDING' and endpoint_id in"
                            + " (select id from webhook_endpoint where org = ?2)")
                    .setParameter(1, (double) lease.toSeconds())
                    .setParameter(2, org)
                    .executeUpdate();
        });
    }

    @Test
    void shouldRedeliverWithTheSameWebhookId() throws Exception {
        String org = uniqueId("wh-again");
        try (Receiver receiver = Receiver.start()) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            String id = endpoint.getString("endpointId");
            publish(org, "EMP-9");
            Received first = receiver.next(Duration.ofSeconds(10));
            JsonPath page = awaitDelivery(org, id, "DELIVERED", Duration.ofSeconds(5));
            as(TestTokens.token("org-admin", org))
                    .post("/v1/webhook-endpoints/" + id + "/deliveries/" + page.getString("deliveries[0].deliveryId")
                            + "/redelivery")
                    .then()
                    .statusCode(202)
                    .body("messageId", equalTo(first.header("webhook-id")))
                    .body("status", equalTo("PENDING"));
            Received again = receiver.next(Duration.ofSeconds(10));
            assertEquals(first.header("webhook-id"), again.header("webhook-id"));
            assertEquals(first.body(), again.body());
            verify(endpoint.getString("secret"), again);
            assertEquals(
                    1,
                    Db.count(
                            dataSource,
                            "select count(*) from audit_event where type = 'WEBHOOK_ENDPOINT_CHANGED'"
                                    + " and actor_org = ? and outcome->>'change' = 'redelivery'",
                            org));
        }
    }

    @Test
    void shouldSignWithBothSecretsAfterARotation() throws Exception {
        String org = uniqueId("wh-rotate");
        try (Receiver receiver = Receiver.start()) {
            JsonPath endpoint = createEndpoint(org, receiver.url());
            String id = endpoint.getString("endpointId");
            String old = endpoint.getString("secret");
            String fresh = as(TestTokens.token("org-admin", org))
                    .post("/v1/webhook-endpoints/" + id + "/secret-rotation")
                    .then()
                    .statusCode(200)
                    .body("secret", startsWith("whsec_"))
                    .extract()
                    .path("secret");
            assertTrue(!fresh.equals(old));
            publish(org, "EMP-10");
            Received received = receiver.next(Duration.ofSeconds(10));
            verify(fresh, received);
            verify(old, received); // the receiver may still hold the old one during the overlap
            assertEquals(2, received.header("webhook-signature").split(" ").length);
        }
    }

    @Test
    void shouldStoreSecretsEncryptedAndEncryptPlainTextOnesFromBefore() throws Exception {
        String org = uniqueId("wh-at-rest");
        JsonPath endpoint = createEndpoint(org, "http://127.0.0.1:9/hooks");
        String id = endpoint.getString("endpointId");
        String secret = endpoint.getString("secret");
        String stored = storedSecret(id);
        assertTrue(stored.startsWith("v1:"), "encrypted at rest");
        assertTrue(!stored.contains(secret.substring("whsec_".length())));
        // a row from before encryption at rest: plain text until the next start encrypts it
        String plain = WebhookSigner.newSecret();
        try (var connection = dataSource.getConnection();
                var update = connection.prepareStatement(
                        "update webhook_endpoint set secret = ?, previous_secret = ? where id = ?")) {
            update.setString(1, plain);
            update.setString(2, plain);
            update.setObject(3, UUID.fromString(id));
            update.executeUpdate();
        }
        assertTrue(store.sealSecrets(secrets) >= 1);
        String sealed = storedSecret(id);
        assertTrue(sealed.startsWith("v1:"));
        assertEquals(plain, secrets.open(sealed, id));
        assertEquals(0, store.sealSecrets(secrets), "once sealed, nothing is left to seal");
    }

    private String storedSecret(String endpointId) throws Exception {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("select secret from webhook_endpoint where id = ?")) {
            query.setObject(1, UUID.fromString(endpointId));
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getString("secret");
            }
        }
    }

    @Test
    void shouldManageEndpointsForTheOrganisationsAdministratorOnly() {
        String org = uniqueId("wh-admin");
        JsonPath endpoint = createEndpoint(org, "http://127.0.0.1:9/hooks");
        String id = endpoint.getString("endpointId");
        as(TestTokens.token("org-admin", org))
                .get("/v1/webhook-endpoints")
                .then()
                .statusCode(200)
                .body("endpoints.endpointId", hasItem(id))
                .body("endpoints[0].secret", nullValue());
        as(TestTokens.token("org-admin", org))
                .get("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(200)
                .body("secret", nullValue());
        String other = uniqueId("wh-other");
        as(TestTokens.token("org-admin", other))
                .get("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(404);
        as(TestTokens.token("org-admin", other))
                .delete("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(404);
        as(TestTokens.token("org-admin", other))
                .post("/v1/webhook-endpoints/" + id + "/secret-rotation")
                .then()
                .statusCode(404);
        as(TestTokens.token("org-admin", other))
                .get("/v1/webhook-endpoints")
                .then()
                .body("endpoints.endpointId", not(hasItem(id)));
        for (String role : List.of("screener", "reviewer", "auditor", "registry-admin")) {
            as(TestTokens.token(role, org)).get("/v1/webhook-endpoints").then().statusCode(403);
            as(TestTokens.token(role, org))
                    .contentType("application/json")
                    .body("{\"url\":\"https://example.com/h\"}")
                    .post("/v1/webhook-endpoints")
                    .then()
                    .statusCode(403);
        }
        io.restassured.RestAssured.given().get("/v1/webhook-endpoints").then().statusCode(401);
        for (String url : List.of("ftp://example.com/h", "not a url", "https://user:pw@example.com/h", "")) {
            as(TestTokens.token("org-admin", org))
                    .contentType("application/json")
                    .body("{\"url\":\"" + url + "\"}")
                    .post("/v1/webhook-endpoints")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json");
        }
        as(TestTokens.token("org-admin", org))
                .delete("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(204);
        as(TestTokens.token("org-admin", org))
                .get("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(404);
        assertEquals(
                2,
                Db.count(
                        dataSource,
                        "select count(*) from audit_event where type = 'WEBHOOK_ENDPOINT_CHANGED' and actor_org = ?",
                        org));
    }
}
