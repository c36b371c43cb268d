package org.qorgau.webhook.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of deliveries, newest first. */
@Schema(name = "WebhookDeliveryPage", description = "A page of deliveries, newest first.")
public record DeliveryPage(
        @Schema(required = true) List<DeliveryView> deliveries,

        @Schema(
                description = "Pass as `cursor` for the next page (also in the `Link: rel=\"next\"` header); null on"
                        + " the last page")
        String nextCursor) {}
