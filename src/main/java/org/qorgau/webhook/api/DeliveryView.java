package org.qorgau.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One message to one endpoint: where its delivery stands. */
@Schema(name = "WebhookDelivery", description = "The delivery of one event to one endpoint.")
public record DeliveryView(
        @Schema(required = true) UUID deliveryId,

        @Schema(required = true, description = "The `webhook-id` of every attempt (the same on retries)")
        String messageId,

        @Schema(required = true, example = "monitoring.new_information")
        String eventType,

        @Schema(
                required = true,
                enumeration = {"PENDING", "DELIVERED", "FAILED"})
        String status,

        @Schema(required = true) int attempts,

        @Schema(description = "When the next attempt is due (PENDING)") @JsonInclude(JsonInclude.Include.NON_NULL)
        Instant nextAttemptAt,

        @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastAttemptAt,

        @Schema(description = "The receiver's last HTTP status") @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer lastStatusCode,

        @Schema(description = "Why the last attempt failed") @JsonInclude(JsonInclude.Include.NON_NULL)
        String lastError,

        @JsonInclude(JsonInclude.Include.NON_NULL) Instant deliveredAt,

        @Schema(required = true) Instant createdAt) {}
