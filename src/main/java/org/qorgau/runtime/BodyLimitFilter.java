package org.qorgau.runtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.qorgau.config.QorgauConfig;

/**
 * Keeps request bodies small everywhere but the registry import, which streams national snapshots. The HTTP layer's
 * own limit is set high for the import; this filter answers 413 for larger bodies elsewhere before anything is read,
 * and 411 for bodies of unknown length outside the import (they could not be bounded before buffering): HTTP/1.1
 * chunked bodies and HTTP/2 requests without {@code content-length}.
 *
 * <p>Photo uploads ({@code POST /v1/photo-hashes}, {@code POST /v1/registry/entries/{id}/photos}, and a
 * {@code multipart/form-data} {@code POST /v1/checks}) may be as large as {@code qorgau.photo.max-bytes} (plus the
 * form's other parts), and at most {@code qorgau.photo.max-in-flight} of them are accepted at once: beyond that they
 * answer 503 with Retry-After before their bodies are read, which keeps the memory of a burst of uploads bounded.
 *
 * <p>Outside the import it also receives the (small, bounded) body itself, on the event loop, before the request is
 * dispatched: a client that sends its body one byte at a time would otherwise hold a worker thread in a blocking read
 * for as long as it likes, and a few hundred such clients stall every blocking endpoint. A body that has not arrived
 * within {@code qorgau.http.body-timeout} answers 408 and the connection is closed; an upload the client abandons is
 * one log line, never a stack trace. This holds for HTTP/1.1; an HTTP/2 (h2c) body is read by the framework, bounded
 * by the length limit and the connection's idle timeout.
 */
@ApplicationScoped
public class BodyLimitFilter {

    static final String IMPORT_PATH = "/v1/registry/imports";
    /** The console's upload of an import file: the same size limit and streaming as the API's import. */
    static final String CONSOLE_IMPORT_PATH = "/console/registry/imports";

    private static final String ENTRY_PHOTOS_PREFIX = "/v1/registry/entries/";
    private static final Pattern ENTRY_PHOTOS = Pattern.compile(ENTRY_PHOTOS_PREFIX + "[^/]+/photos");

    private final AtomicInteger photosInFlight = new AtomicInteger();

    private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class);

    private final QorgauConfig config;

    public BodyLimitFilter(QorgauConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::limit);
    }

    void limit(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            context.next();
            return;
        }
        String path = context.normalizedPath();
        boolean isImport = path.equals(IMPORT_PATH) || path.equals(CONSOLE_IMPORT_PATH);
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
        boolean photo = path.equals("/v1/photo-hashes")
                || (path.startsWith(ENTRY_PHOTOS_PREFIX)
                        && ENTRY_PHOTOS.matcher(path).matches())
                || (path.equals("/v1/checks") && multipart);
        long max = isImport
                ? config.http().maxImportBytes()
                : photo
                        ? config.photo().maxBytes() + (multipart ? config.http().maxBodyBytes() : 0)
                        : config.http().maxBodyBytes();
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String encoding = context.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                bytes = Long.MAX_VALUE;
            }
            if (bytes > max) {
                refuse(context, 413, "Payload too large", "The request body is larger than " + max + " bytes.");
                return;
            }
        } else if (!isImport && (encoding != null || context.request().version() == HttpVersion.HTTP_2)) {
            // HTTP/1.1 chunked, or HTTP/2 (h2c) where a body of unknown length carries no Transfer-Encoding at all:
            // either would be buffered without bound, so outside the import a body needs a declared length
            refuse(context, 411, "Length required", "Send a Content-Length with the request body.");
            return;
        }
        if (photo) {
            if (photosInFlight.incrementAndGet() > config.photo().maxInFlight()) {
                photosInFlight.decrementAndGet();
                context.response().putHeader("Retry-After", "2");
                refuse(context, 503, "Service unavailable", "Too many photos are being uploaded; try again shortly.");
                return;
            }
            context.addEndHandler(done -> photosInFlight.decrementAndGet());
        }
        // HTTP/2 streams are left to the framework: RESTEasy Reactive pauses the request when it takes it over, which
        // an
        // HTTP/2 request refuses once its body has ended (a 500 for every h2c client, such as Java's HttpClient)
        if (!isImport
                && length != null
                && !length.trim().equals("0")
                && context.request().version() != HttpVersion.HTTP_2) {
            receive(context);
            return;
        }
        context.next();
    }

    /** Buffers the body without blocking any thread, with a deadline; then hands the request on with its body. */
    private void receive(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        Duration timeout = config.http().bodyTimeout();
        String path = context.normalizedPath();
        long timer = context.vertx().setTimer(timeout.toMillis(), id -> {
            // ids and sizes only: a body may carry a candidate's name
            LOG.infof(
                    "Request body not received within %d s (%d bytes so far): %s %s; answered 408",
                    timeout.toSeconds(), body.length(), request.method(), path);
            if (!context.response().ended() && !context.response().headWritten()) {
                refuse(
                        context,
                        408,
                        "Request timeout",
                        "The request body did not arrive within " + timeout.toSeconds() + " s.");
            }
            request.connection().close();
        });
        request.handler(body::appendBuffer);
        request.exceptionHandler(e -> {
            if (context.vertx().cancelTimer(timer)) {
                LOG.infof(
                        "Request body abandoned by the client after %d bytes: %s %s (%s)",
                        body.length(), request.method(), path, e.getClass().getSimpleName());
            }
        });
        request.endHandler(v -> {
            if (!context.vertx().cancelTimer(timer)) {
                return; // already answered 408
            }
            ((RoutingContextInternal) context).setBody(body);
            context.next();
        });
        request.resume();
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        String body = "{\"type\":\"https://qorgau.org/problems/" + slug + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\"}";
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
