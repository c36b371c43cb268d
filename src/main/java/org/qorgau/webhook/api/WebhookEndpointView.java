package org.qorgau.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook endpoint; the secret only in the answer that created it (creation, rotation). */
@Schema(name = "WebhookEndpoint", description = "A webhook receiver of the organisation.")
public record WebhookEndpointView(
        @Schema(required = true) UUID endpointId,
        @Schema(required = true) String url,
        String description,

        @Schema(
                required = true,
                description = "DISABLED once the receiver answered 410 Gone; nothing is sent to it then",
                enumeration = {"ENABLED", "DISABLED"})
        String status,

        @JsonInclude(JsonInclude.Include.NON_NULL) String disabledReason,

        @Schema(required = true) Instant createdAt,

        @Schema(
                description = "The signing secret (`whsec_` + base64 key), shown only when created or rotated: keep"
                        + " it; Qorgau never shows it again")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String secret) {}
