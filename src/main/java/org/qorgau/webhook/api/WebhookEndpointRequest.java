package org.qorgau.webhook.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook receiver to register. */
@Schema(name = "WebhookEndpointRequest", description = "A webhook receiver of the organisation.")
public record WebhookEndpointRequest(
        @Schema(
                required = true,
                description = "An https URL whose host resolves to public addresses only (at most 2000 characters)",
                example = "https://hr.example.kz/hooks/qorgau")
        String url,

        @Schema(description = "What the endpoint is for (at most 500 characters)", example = "HR system, production")
        String description) {}
