package org.qorgau.webhook.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.common.PageCursor;
import org.qorgau.common.Paging;
import org.qorgau.error.Problem;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;
import org.qorgau.webhook.WebhookService;

/** An organisation's webhook endpoints (role {@code org-admin}). */
@Path("/v1/webhook-endpoints")
@DenyAll
@Tag(name = "Webhooks", description = "Signed event deliveries (Standard Webhooks) to the organisation's own receivers")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    private final WebhookService webhooks;
    private final CurrentCaller caller;

    public WebhookEndpointResource(WebhookService webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ORG_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createWebhookEndpoint",
            summary = "Register a webhook receiver",
            description = "The answer shows the signing secret once. Deliveries carry `webhook-id`,"
                    + " `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of"
                    + " `id.timestamp.body` keyed with the base64-decoded part of the secret after `whsec_`)."
                    + " The URL must be https and resolve to public addresses only (checked again before every"
                    + " delivery). Audited as WEBHOOK_ENDPOINT_CHANGED.")
    @APIResponse(
            responseCode = "201",
            description = "Registered; the answer's `secret` is not shown again",
            content = @Content(schema = @Schema(implementation = WebhookEndpointView.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid or not allowed URL, or invalid description",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(WebhookEndpointRequest request) {
        WebhookEndpointView created = webhooks.create(request, caller.requireOrg());
        return Response.created(URI.create("/v1/webhook-endpoints/" + created.endpointId()))
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed(Roles.ORG_ADMIN)
    @Operation(operationId = "listWebhookEndpoints", summary = "List your organisation's webhook endpoints")
    @APIResponse(
            responseCode = "200",
            description = "The endpoints, without their secrets",
            content = @Content(schema = @Schema(implementation = WebhookEndpointList.class)))
    public WebhookEndpointList list() {
        return new WebhookEndpointList(webhooks.list(caller.requireOrg()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Operation(operationId = "getWebhookEndpoint", summary = "A webhook endpoint of your organisation")
    @APIResponse(
            responseCode = "200",
            description = "The endpoint, without its secret",
            content = @Content(schema = @Schema(implementation = WebhookEndpointView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookEndpointView get(@PathParam("id") String id) {
        return webhooks.find(PageCursor.id(id, "webhook endpoint"), caller.requireOrg());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Operation(
            operationId = "deleteWebhookEndpoint",
            summary = "Delete a webhook endpoint",
            description = "Nothing more is sent to it; its pending deliveries are given up.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(PageCursor.id(id, "webhook endpoint"), caller.requireOrg());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secret-rotation")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Replace the endpoint's signing secret",
            description = "The new secret is shown once. For QORGAU_WEBHOOK_PREVIOUS_SECRET_OVERLAP (24 h) deliveries"
                    + " carry a second signature made with the previous secret, so the receiver can switch without"
                    + " rejecting a delivery.")
    @APIResponse(
            responseCode = "200",
            description = "The endpoint with its new secret",
            content = @Content(schema = @Schema(implementation = WebhookEndpointView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookEndpointView rotate(@PathParam("id") String id) {
        return webhooks.rotateSecret(PageCursor.id(id, "webhook endpoint"), caller.requireOrg());
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's deliveries, newest first")
    @APIResponse(
            responseCode = "200",
            description = "A page of deliveries",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<URL>; rel=\"next\"` of the next page; absent on the last",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid cursor or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response deliveries(
            @PathParam("id") String id,
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "At most this many (1-500)") @QueryParam("limit") @DefaultValue("50") int limit,
            @Context UriInfo uriInfo) {
        PageCursor.checkLimit(limit);
        PageCursor after = PageCursor.decode(cursor);
        WebhookService.DeliveryPage page = webhooks.deliveries(
                PageCursor.id(id, "webhook endpoint"), caller.requireOrg(), after.at(), after.id(), limit);
        String next = PageCursor.encode(page.nextAt(), page.nextId());
        return Paging.ok(new DeliveryPage(page.items(), next), next, uriInfo);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redelivery")
    @RolesAllowed(Roles.ORG_ADMIN)
    @Operation(
            operationId = "redeliverWebhook",
            summary = "Send a delivery's event again",
            description = "A new delivery of the same event (the same `webhook-id`), due at once.")
    @APIResponse(
            responseCode = "202",
            description = "The new delivery",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such endpoint or delivery in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The endpoint is disabled (its receiver answered 410 Gone)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        DeliveryView delivery = webhooks.redeliver(
                PageCursor.id(id, "webhook endpoint"), PageCursor.id(deliveryId, "delivery"), caller.requireOrg());
        return Response.accepted(delivery).build();
    }
}
