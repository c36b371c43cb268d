package org.qorgau.monitoring.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of monitored people, newest enrolment first. */
@Schema(name = "MonitoredPersonPage", description = "A page of monitored people, newest enrolment first.")
public record MonitoredPersonPage(
        @Schema(required = true) List<MonitoredPersonView> monitoredPeople,

        @Schema(
                description = "Pass as `cursor` for the next page (also in the `Link: rel=\"next\"` header); null on"
                        + " the last page")
        String nextCursor) {}
