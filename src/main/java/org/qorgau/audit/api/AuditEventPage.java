package org.qorgau.audit.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of audit events in sequence order. */
@Schema(name = "AuditEventPage")
public record AuditEventPage(
        List<AuditEventView> events,

        @Schema(
                description = "Pass as `cursor` for the next page (also in the `Link: rel=\"next\"` header); null on"
                        + " the last page",
                example = "4711")
        String nextCursor) {}
