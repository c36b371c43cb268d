package org.qorgau.screening.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the reviewer's queue, oldest first; pages like every other list of the API. */
@Schema(name = "ReviewQueuePage", description = "Checks waiting for a decision, oldest first.")
public record ReviewQueuePage(
        List<ReviewQueueItem> items,

        @Schema(
                description = "Pass as `cursor` for the next page (also in the `Link: rel=\"next\"` header); null on"
                        + " the last page")
        String nextCursor) {}
