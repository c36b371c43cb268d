package org.qorgau.screening.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of checks, newest first; every list of the API pages the same way. */
@Schema(name = "CheckPage", description = "A page of checks, newest first.")
public record CheckPage(
        List<CheckResponse> checks,

        @Schema(
                description = "Pass as `cursor` for the next page (also in the `Link: rel=\"next\"` header); null on"
                        + " the last page")
        String nextCursor) {}
