package org.qorgau.console;

import jakarta.ws.rs.core.Response;

/**
 * Thrown to answer with a finished response (redirect, refusal) from anywhere in a page; {@link ConsoleErrors} maps it
 * back to its response.
 */
final class PageResponse extends RuntimeException {

    final transient Response response;

    PageResponse(Response response) {
        super(null, null, false, false);
        this.response = response;
    }
}
