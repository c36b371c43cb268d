package org.qorgau.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qorgau.common.Purpose;
import org.qorgau.common.Validation;
import org.qorgau.error.FieldError;
import org.qorgau.error.ValidationException;
import org.qorgau.screening.api.CheckRequest;

/** The first step of a check: the request is complete and well-formed, or nothing is screened (422, every field). */
final class CheckValidation {

    private CheckValidation() {}

    /** Checks the request; returns its purpose. Messages name fields, never echo values. */
    static Purpose validate(CheckRequest request, String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        if (request.candidate() == null) {
            errors.add(FieldError.of("candidate", "candidate is required"));
        } else {
            add(
                    errors,
                    "candidate.fullName",
                    Validation.name(request.candidate().fullName()));
            add(
                    errors,
                    "candidate.dateOfBirth",
                    Validation.partialDate(request.candidate().dateOfBirth()));
            if (request.candidate().photoHash() != null) {
                add(
                        errors,
                        "candidate.photoHash",
                        Validation.photoHash(request.candidate().photoHash()));
            }
        }
        Purpose purpose = null;
        if (request.purpose() == null) {
            errors.add(FieldError.of("purpose", "purpose is required"));
        } else {
            try {
                purpose = Purpose.valueOf(request.purpose());
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("purpose", "purpose must be one of " + Arrays.toString(Purpose.values())));
            }
        }
        if (request.consentReference() == null || request.consentReference().isBlank()) {
            errors.add(FieldError.of("consentReference", "consentReference is required"));
        } else {
            add(errors, "consentReference", Validation.optionalText(request.consentReference(), 300));
        }
        add(errors, "position", Validation.optionalText(request.position(), 300));
        String keyProblem = Idempotency.problem(Idempotency.Kind.CHECK, idempotencyKey);
        if (keyProblem != null) {
            errors.add(FieldError.of("Idempotency-Key", keyProblem));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("The check request is invalid; nothing was screened.", errors);
        }
        return purpose;
    }

    private static void add(List<FieldError> errors, String field, String problem) {
        if (problem != null) {
            errors.add(FieldError.of(field, field + " " + problem));
        }
    }
}
