package org.qorgau.webhook.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The organisation's webhook endpoints, oldest first. */
@Schema(name = "WebhookEndpointList", description = "The organisation's webhook endpoints, oldest first.")
public record WebhookEndpointList(@Schema(required = true) List<WebhookEndpointView> endpoints) {}
