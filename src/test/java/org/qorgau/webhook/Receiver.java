package org.qorgau.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on a free local port (the JDK's HTTP server). Each request is recorded; the answer to each is
 * the next scripted {@link Reply}, or 204 when the script is used up.
 */
final class Receiver implements AutoCloseable {

    /** One scripted answer: a status, an optional Retry-After, and a pause before answering. */
    record Reply(int status, String retryAfter, Duration pause) {
        static Reply status(int status) {
            return new Reply(status, null, Duration.ZERO);
        }
    }

    /** A request as the receiver saw it: lower-case header names, the body, when it arrived. */
    record Received(Map<String, List<String>> headers, String body, Instant at) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final int port;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer server;

    private Receiver(int port) {
        this.port = port;
    }

    /** A receiver listening now on a free port. */
    static Receiver start(Reply... replies) throws IOException {
        Receiver receiver = new Receiver(freePort());
        receiver.script(replies);
        receiver.listen();
        return receiver;
    }

    /** A receiver on a free port that is not listening yet (down until {@link #listen}). */
    static Receiver down() throws IOException {
        return new Receiver(freePort());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    void script(Reply... replies) {
        script.addAll(List.of(replies));
    }

    void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8), Instant.now()));
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.status(204);
            }
            if (!reply.pause().isZero()) {
                try {
                    Thread.sleep(reply.pause().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (reply.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
            }
            try {
                exchange.sendResponseHeaders(reply.status(), -1);
            } catch (IOException e) {
                // the sender gave up waiting (timeout): nothing to answer
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    /** The next request, waiting at most {@code limit}; fails when none comes. */
    Received next(Duration limit) throws InterruptedException {
        Received next = received.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no webhook arrived within " + limit);
        }
        return next;
    }

    /** The next request within {@code limit}, or null. */
    Received poll(Duration limit) throws InterruptedException {
        return received.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
