package org.qorgau.console;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.qorgau.error.ProblemMapper;
import org.qorgau.error.QorgauException;

/**
 * Errors on console pages answer as pages with the same status, not as {@code application/problem+json}. A resource
 * class's own {@code @ServerExceptionMapper} methods apply to that class only, so rather than a copy in every console
 * resource these mappers are global and tell console requests (paths under {@code /console}) apart: every other
 * request's error is answered by the API's {@link ProblemMapper}, exactly as without them.
 */
public final class ConsoleErrors {

    private final ConsolePages pages;
    private final ProblemMapper problems;

    public ConsoleErrors(ConsolePages pages, ProblemMapper problems) {
        this.pages = pages;
        this.problems = problems;
    }

    /** Only console pages throw it. */
    @ServerExceptionMapper
    public Response page(PageResponse e) {
        return e.response;
    }

    /** Chosen before {@link ProblemMapper}'s mapper of the same exception (priority {@code USER}) for every request. */
    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response problem(QorgauException e, UriInfo uri) {
        return isConsole(uri) ? pages.problem(pages.request(), e) : problems.qorgau(e, uri);
    }

    static boolean isConsole(UriInfo uri) {
        String path = uri.getPath().replaceFirst("^/+", "");
        return path.equals("console") || path.startsWith("console/");
    }
}
