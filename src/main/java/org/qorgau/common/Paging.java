package org.qorgau.common;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The answer of every cursor-paged list: the page as the body and, when there is a next page, a {@code Link} header
 * ({@code <URL>; rel="next"}) whose URL is the request's own with {@code cursor} set to the next page's cursor.
 */
public final class Paging {

    private Paging() {}

    /** 200 with {@code page}; the {@code Link: rel="next"} header only when {@code nextCursor} is not null. */
    public static Response ok(Object page, String nextCursor, UriInfo uriInfo) {
        Response.ResponseBuilder response = Response.ok(page);
        if (nextCursor != null) {
            response.link(
                    uriInfo.getRequestUriBuilder()
                            .replaceQueryParam("cursor", nextCursor)
                            .build(),
                    "next");
        }
        return response.build();
    }
}
