package org.qorgau.monitoring.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of alerts, newest first. */
@Schema(name = "AlertPage", description = "A page of alerts, newest first.")
public record AlertPage(
        @Schema(required = true) List<AlertView> alerts,

        @Schema(
                description = "Pass as `cursor` for the next page (also in the `Link: rel=\"next\"` header); null on"
                        + " the last page")
        String nextCursor) {}
