package org.qorgau.monitoring;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.qorgau.common.Purpose;
import org.qorgau.config.MonitoringConfig;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.Problem;
import org.qorgau.error.QorgauException;
import org.qorgau.error.ServiceUnavailableException;
import org.qorgau.error.ValidationException;
import org.qorgau.monitoring.api.EnrolmentBatchRequest;
import org.qorgau.monitoring.api.EnrolmentBatchResponse;
import org.qorgau.monitoring.api.EnrolmentRequest;
import org.qorgau.security.Caller;

/**
 * Bulk enrolment ({@code POST /v1/monitored-people/batch}): each item is an ordinary enrolment through {@link
 * MonitoringService#enrol}, its first check audited, run a few at a time on a small pool of its own so that the
 * items' writes share the audit log's group commits (a batch enrolled one by one waits for one commit per write).
 */
@ApplicationScoped
public class BatchEnrolment {

    private final MonitoringService monitoring;
    private final int maxBatch;
    private final ExecutorService enrolling;

    public BatchEnrolment(MonitoringService monitoring, MonitoringConfig config, QorgauConfig qorgau) {
        this.monitoring = monitoring;
        this.maxBatch = qorgau.batch().maxItems();
        this.enrolling = Executors.newFixedThreadPool(Math.max(1, config.enrolmentThreads()), r -> {
            Thread thread = new Thread(r, "monitoring-enrol");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        enrolling.shutdownNow();
    }

    /**
     * Enrols many people for one purpose: each item is an enrolment of its own (its first check audited, its own
     * answer or problem, in request order); one bad item does not sink the rest. Items run a few at a time so their
     * writes share the audit log's group commits.
     */
    public EnrolmentBatchResponse enrolAll(EnrolmentBatchRequest request, Caller caller) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        if (request.purpose() == null) {
            throw new ValidationException("purpose", "purpose is required");
        }
        try {
            Purpose.valueOf(request.purpose());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "purpose", "purpose must be one of " + java.util.Arrays.toString(Purpose.values()));
        }
        if (request.people() == null || request.people().isEmpty()) {
            throw new ValidationException("people", "people must list at least one person");
        }
        if (request.people().size() > maxBatch) {
            throw new ValidationException("people", "a batch holds at most " + maxBatch + " people");
        }
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Future<EnrolmentBatchResponse.ItemResult>> running =
                new ArrayList<>(request.people().size());
        for (int i = 0; i < request.people().size(); i++) {
            int index = i;
            EnrolmentBatchRequest.Item item = request.people().get(i);
            running.add(enrolling.submit(() -> enrolItem(index, item, request, caller)));
        }
        List<EnrolmentBatchResponse.ItemResult> results = new ArrayList<>(running.size());
        for (Future<EnrolmentBatchResponse.ItemResult> future : running) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("The enrolment was interrupted; try again shortly.");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            }
        }
        int succeeded = (int) results.stream().filter(r -> r.status() == 201).count();
        return new EnrolmentBatchResponse(
                createdAt, request.purpose(), results.size(), succeeded, results.size() - succeeded, results);
    }

    private EnrolmentBatchResponse.ItemResult enrolItem(
            int index, EnrolmentBatchRequest.Item item, EnrolmentBatchRequest batch, Caller caller) {
        try {
            EnrolmentRequest request = item == null
                    ? new EnrolmentRequest(null, batch.purpose(), batch.position(), batch.consentReference(), null)
                    : new EnrolmentRequest(
                            item.candidate(),
                            batch.purpose(),
                            item.position() != null ? item.position() : batch.position(),
                            item.consentReference() != null ? item.consentReference() : batch.consentReference(),
                            item.reference());
            return new EnrolmentBatchResponse.ItemResult(index, 201, monitoring.enrol(request, caller), null);
        } catch (QorgauException e) {
            return new EnrolmentBatchResponse.ItemResult(
                    index,
                    e.status(),
                    null,
                    new Problem(
                            Problem.TYPE_PREFIX + e.type(),
                            e.title(),
                            e.status(),
                            e.detail(),
                            null,
                            e.errors(),
                            e.counts()));
        }
    }
}
