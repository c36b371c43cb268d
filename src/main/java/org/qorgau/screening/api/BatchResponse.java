package org.qorgau.screening.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.qorgau.error.Problem;

/** Each item's check or its own problem, in request order. */
@Schema(name = "BatchResponse", description = "Per-item results: one bad item does not sink the rest.")
public record BatchResponse(
        UUID batchId,
        Instant createdAt,

        @Schema(
                example = "PERIODIC_RESCREEN",
                enumeration = {"EMPLOYMENT", "VOLUNTEERING", "CONTRACTOR", "PERIODIC_RESCREEN"})
        String purpose,

        @Schema(example = "120") int total,
        @Schema(example = "119") int succeeded,
        @Schema(example = "1") int failed,
        List<BatchItemResult> items) {

    /** One item's outcome: {@code check} when screened (status 201), otherwise {@code problem}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BatchItemResult")
    public record BatchItemResult(
            @Schema(description = "Position in the request, from 0", example = "0")
            int index,

            @Schema(description = "HTTP status this item would have had alone", example = "201")
            int status,

            CheckResponse check,
            Problem problem) {}
}
