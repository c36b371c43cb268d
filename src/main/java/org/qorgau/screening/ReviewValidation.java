package org.qorgau.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qorgau.common.Validation;
import org.qorgau.error.FieldError;
import org.qorgau.error.ValidationException;
import org.qorgau.screening.api.ReviewRequest;

/** A review request is complete and well-formed, or nothing is recorded (422, every field). */
final class ReviewValidation {

    private ReviewValidation() {}

    /** Checks the request; returns its decision. */
    static Decision validate(ReviewRequest request) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.externalId() == null || request.externalId().isBlank()) {
            errors.add(FieldError.of("externalId", "externalId is required"));
        }
        Decision decision = null;
        if (request.decision() == null) {
            errors.add(FieldError.of("decision", "decision is required"));
        } else {
            try {
                decision = Decision.valueOf(request.decision());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("decision", "decision must be SAME_PERSON or NOT_SAME_PERSON"));
            }
        }
        if (request.reason() == null || request.reason().isBlank()) {
            errors.add(FieldError.of("reason", "reason is required"));
        } else {
            String problem = Validation.optionalText(request.reason(), 2000);
            if (problem != null) {
                errors.add(FieldError.of("reason", "reason " + problem));
            }
        }
        if (request.supersedes() != null) {
            try {
                UUID.fromString(request.supersedes());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("supersedes", "supersedes must be a reviewId"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("The review is invalid; nothing was recorded.", errors);
        }
        return decision;
    }
}
