package org.qorgau.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem body. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "An RFC 9457 problem: what went wrong, for people and programs.")
public record Problem(
        @Schema(example = "https://qorgau.org/problems/validation")
        String type,

        @Schema(example = "Invalid content") String title,
        @Schema(example = "422") int status,

        @Schema(example = "candidate.dateOfBirth must be YYYY, YYYY-MM or YYYY-MM-DD")
        String detail,

        @Schema(example = "/v1/checks") String instance,
        List<FieldError> errors,

        @Schema(
                description = "Counts behind the refusal, e.g. what a refused registry replace would remove",
                example = "{\"entries\": 106008, \"removed\": 106007}")
        Map<String, Long> counts) {

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, Map.of());
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://qorgau.org/problems/";
}
