package org.qorgau.dispute;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qorgau.common.Validation;
import org.qorgau.dispute.api.DisputeRequest;
import org.qorgau.dispute.api.ResolutionRequest;
import org.qorgau.dispute.api.RevocationRequest;
import org.qorgau.error.FieldError;
import org.qorgau.error.ValidationException;

/** A dispute, resolution or revocation is complete and well-formed, or nothing changes (422, every field). */
final class DisputeValidation {

    static final int MAX_GROUNDS = 4000;
    static final int MAX_REASON = 2000;

    private DisputeValidation() {}

    static UUID validate(DisputeRequest request) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        UUID checkId = null;
        if (request.checkId() == null) {
            errors.add(FieldError.of("checkId", "checkId is required"));
        } else {
            try {
                checkId = UUID.fromString(request.checkId());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("checkId", "checkId must be a check's id"));
            }
        }
        if (request.externalId() == null || request.externalId().isBlank()) {
            errors.add(FieldError.of("externalId", "externalId is required"));
        } else if (Validation.externalId(request.externalId()) != null) {
            errors.add(FieldError.of("externalId", "externalId " + Validation.externalId(request.externalId())));
        }
        text(errors, "grounds", request.grounds(), MAX_GROUNDS);
        if (!errors.isEmpty()) {
            throw new ValidationException("The dispute is invalid; nothing was opened.", errors);
        }
        return checkId;
    }

    static DisputeResolution.Decision validate(ResolutionRequest request) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        DisputeResolution.Decision decision = null;
        if (request.decision() == null) {
            errors.add(FieldError.of("decision", "decision is required"));
        } else {
            try {
                decision = DisputeResolution.Decision.valueOf(request.decision());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("decision", "decision must be NOT_SAME_PERSON or SAME_PERSON"));
            }
        }
        text(errors, "reason", request.reason(), MAX_REASON);
        if (!errors.isEmpty()) {
            throw new ValidationException("The resolution is invalid; nothing was recorded.", errors);
        }
        return decision;
    }

    static String validate(RevocationRequest request) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        text(errors, "reason", request.reason(), MAX_REASON);
        if (!errors.isEmpty()) {
            throw new ValidationException("The revocation is invalid; nothing was changed.", errors);
        }
        return request.reason().strip();
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.of(field, field + " is required"));
        } else {
            String problem = Validation.optionalText(value, max);
            if (problem != null) {
                errors.add(FieldError.of(field, field + " " + problem));
            }
        }
    }
}
