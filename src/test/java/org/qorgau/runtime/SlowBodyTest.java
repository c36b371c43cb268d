package org.qorgau.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qorgau.support.Api.as;
import static org.qorgau.support.Api.checkJson;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qorgau.support.TestTokens;

/**
 * Slow-body attacks (slowloris on the body): a client that declares a body and sends it a byte at a time must neither
 * hold a worker thread nor wait for ever. Raw sockets, since HTTP clients will not send that slowly.
 */
@QuarkusTest
class SlowBodyTest {

    private static Socket slowCheck(String token, int declared) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/checks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void shouldAnswer408WhenTheBodyDoesNotArriveInTime() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = slowCheck(TestTokens.screener("slow-body"), 1_000)) {
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(status != null && status.startsWith("HTTP/1.1 408"), "status line: " + status);
            // body-timeout is 4 s in tests
            assertTrue(seconds >= 3 && seconds < 15, "answered after " + seconds + " s");
        }
    }

    @Test
    void shouldKeepAnsweringWhileMoreSlowBodiesTrickleInThanThereAreWorkerThreads() throws Exception {
        String token = TestTokens.screener("slow-body-flood");
        List<Socket> slow = new ArrayList<>();
        try {
            // more than the worker pool's 200 threads: each would hold one in a blocking read
            for (int i = 0; i < 240; i++) {
                slow.add(slowCheck(token, 1_000));
            }
            Thread.sleep(500);
            for (Socket socket : slow) {
                socket.getOutputStream().write(' ');
            }
            long started = System.nanoTime();
            as(TestTokens.screener("slow-body-bystander"))
                    .contentType("application/json")
                    .body(checkJson("Bystander Applicant", "1990-01-01"))
                    .post("/v1/checks")
                    .then()
                    .statusCode(201);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 3_000, "an ordinary check took " + millis + " ms beside the slow bodies");
        } finally {
            for (Socket socket : slow) {
                socket.close(); // abandoned uploads: one log line each, no stack trace
            }
        }
    }
}
