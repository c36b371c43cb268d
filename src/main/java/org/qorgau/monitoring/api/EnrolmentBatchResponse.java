package org.qorgau.monitoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.qorgau.error.Problem;

/** Each item's enrolment or its own problem, in request order. */
@Schema(name = "EnrolmentBatchResponse", description = "Per-item results: one bad item does not sink the rest.")
public record EnrolmentBatchResponse(
        Instant createdAt,

        @Schema(
                example = "EMPLOYMENT",
                enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"})
        String purpose,

        @Schema(example = "120") int total,
        @Schema(example = "119") int succeeded,
        @Schema(example = "1") int failed,
        List<ItemResult> items) {

    /** One item's outcome: {@code person} when enrolled (status 201), otherwise {@code problem}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EnrolmentBatchItemResult")
    public record ItemResult(
            @Schema(description = "Position in the request, from 0", example = "0")
            int index,

            @Schema(description = "HTTP status this item would have had alone", example = "201")
            int status,

            MonitoredPersonView person,
            Problem problem) {}
}
