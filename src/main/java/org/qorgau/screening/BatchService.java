package org.qorgau.screening;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.qorgau.common.Purpose;
import org.qorgau.common.TimeOrderedIds;
import org.qorgau.config.BatchConfig;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.Problem;
import org.qorgau.error.QorgauException;
import org.qorgau.error.ValidationException;
import org.qorgau.screening.api.BatchRequest;
import org.qorgau.screening.api.BatchRequest.BatchItem;
import org.qorgau.screening.api.BatchResponse;
import org.qorgau.screening.api.BatchResponse.BatchItemResult;
import org.qorgau.screening.api.CandidateInput;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.security.Caller;

/**
 * A batch: each item is an ordinary, separately audited check. With an {@code Idempotency-Key} the batch is
 * idempotent as a whole: item {@code i} runs under the key {@code KEY#i}, so a retry after a crash replays the items
 * already answered and runs only the rest, and the finished batch's answer is stored and replayed verbatim.
 */
@ApplicationScoped
public class BatchService {

    private static final Logger LOG = Logger.getLogger(BatchService.class);

    private final CheckService checks;
    private final BatchStore batches;
    private final BatchConfig config;

    public BatchService(CheckService checks, BatchStore batches, QorgauConfig config) {
        this.checks = checks;
        this.batches = batches;
        this.config = config.batch();
    }

    public BatchResponse perform(BatchRequest request, String idempotencyKey, Caller caller) {
        validate(request, idempotencyKey);
        String requestHash = Idempotency.requestHash(request);
        if (idempotencyKey != null) {
            Optional<BatchResponse> earlier = replay(caller.org(), idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID batchId = TimeOrderedIds.at(createdAt);
        List<BatchItemResult> results = new ArrayList<>(request.candidates().size());
        int succeeded = 0;
        for (int i = 0; i < request.candidates().size(); i++) {
            BatchItem item = request.candidates().get(i);
            String itemKey = idempotencyKey == null ? null : idempotencyKey + "#" + i;
            try {
                CheckRequest check = item == null
                        ? new CheckRequest(null, request.purpose(), request.position(), request.consentReference())
                        : new CheckRequest(
                                new CandidateInput(item.fullName(), item.dateOfBirth(), item.photoHash()),
                                request.purpose(),
                                item.position() != null ? item.position() : request.position(),
                                item.consentReference() != null ? item.consentReference() : request.consentReference());
                results.add(new BatchItemResult(
                        i, 201, checks.perform(check, itemKey, caller).response(), null));
                succeeded++;
            } catch (QorgauException e) {
                results.add(new BatchItemResult(
                        i,
                        e.status(),
                        null,
                        new Problem(
                                Problem.TYPE_PREFIX + e.type(),
                                e.title(),
                                e.status(),
                                e.detail(),
                                null,
                                e.errors(),
                                e.counts())));
            }
        }
        BatchResponse response = new BatchResponse(
                batchId,
                createdAt,
                request.purpose(),
                results.size(),
                succeeded,
                results.size() - succeeded,
                List.copyOf(results));
        // a transient failure (quota, unavailable) is not frozen into the replay: a retry runs those items again
        boolean transientFailure = results.stream().anyMatch(r -> r.status() == 429 || r.status() >= 500);
        if (idempotencyKey != null && !transientFailure) {
            store(caller.org(), idempotencyKey, requestHash, response);
            // a concurrent twin may have finished first: answer what is stored, so both callers see one batch
            return replay(caller.org(), idempotencyKey, requestHash).orElse(response);
        }
        LOG.debugf("batch %s: %d items, %d failed", batchId, results.size(), results.size() - succeeded);
        return response;
    }

    private void validate(BatchRequest request, String idempotencyKey) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        if (request.purpose() == null) {
            throw new ValidationException("purpose", "purpose is required");
        }
        try {
            Purpose.valueOf(request.purpose());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("purpose", "purpose must be one of " + Arrays.toString(Purpose.values()));
        }
        if (request.candidates() == null || request.candidates().isEmpty()) {
            throw new ValidationException("candidates", "candidates must list at least one candidate");
        }
        if (request.candidates().size() > config.maxItems()) {
            throw new ValidationException("candidates", "a batch holds at most " + config.maxItems() + " candidates");
        }
        String keyProblem = Idempotency.problem(Idempotency.Kind.BATCH, idempotencyKey);
        if (keyProblem != null) {
            throw new ValidationException("Idempotency-Key", keyProblem);
        }
    }

    private Optional<BatchResponse> replay(String org, String key, String requestHash) {
        return Idempotency.replay(Idempotency.Kind.BATCH, batches.find(org, key), requestHash);
    }

    private void store(String org, String key, String requestHash, BatchResponse response) {
        batches.insert(org, key, requestHash, response);
    }
}
