package org.qorgau.runtime;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.qorgau.config.QorgauConfig;

/**
 * Keeps request bodies small everywhere but the registry import, which streams national snapshots. The HTTP layer's
 * own limit is set high for the import; this filter answers 413 for larger bodies elsewhere before anything is read,
 * and 411 for bodies of unknown length outside the import (they could not be bounded before buffering): HTTP/1.1
 * chunked bodies and HTTP/2 requests without {@code content-length}.
 */
@ApplicationScoped
public class BodyLimitFilter {

    static final String IMPORT_PATH = "/v1/registry/imports";

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
        boolean isImport = context.normalizedPath().equals(IMPORT_PATH);
        long max = isImport ? config.http().maxImportBytes() : config.http().maxBodyBytes();
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
        context.next();
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
