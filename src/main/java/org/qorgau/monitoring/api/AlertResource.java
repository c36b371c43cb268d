package org.qorgau.monitoring.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
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
import org.qorgau.error.ValidationException;
import org.qorgau.monitoring.MonitoringService;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** New information about monitored people. */
@Path("/v1/alerts")
@DenyAll
@Tag(name = "Monitoring")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final MonitoringService monitoring;
    private final CurrentCaller caller;

    public AlertResource(MonitoringService monitoring, CurrentCaller caller) {
        this.monitoring = monitoring;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER})
    @Operation(
            operationId = "listAlerts",
            summary = "List your organisation's alerts, newest first",
            description = "One alert per re-screen that found new information; it links to that check.")
    @APIResponse(
            responseCode = "200",
            description = "A page of alerts",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<URL>; rel=\"next\"` of the next page; absent on the last",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = AlertPage.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(description = "true: only acknowledged alerts; false: only open ones; absent: all")
                    @QueryParam("acknowledged")
                    String acknowledged,
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "At most this many (1-500)") @QueryParam("limit") @DefaultValue("50") int limit,
            @Context UriInfo uriInfo) {
        PageCursor.checkLimit(limit);
        Boolean filter = null;
        if (acknowledged != null) {
            if (!acknowledged.equals("true") && !acknowledged.equals("false")) {
                throw new ValidationException("acknowledged", "acknowledged must be true or false");
            }
            filter = Boolean.valueOf(acknowledged);
        }
        PageCursor after = PageCursor.decode(cursor);
        MonitoringService.AlertPage page =
                monitoring.alerts(caller.requireOrg(), filter, after.at(), after.id(), limit);
        String next = PageCursor.encode(page.nextAt(), page.nextId());
        return Paging.ok(new AlertPage(page.items(), next), next, uriInfo);
    }

    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER})
    @Operation(
            operationId = "acknowledgeAlert",
            summary = "Acknowledge an alert",
            description = "Idempotent. When the person has no other open alert, their status returns to"
                    + " NO_NEW_INFORMATION. Audited as MONITORING_ALERT_ACKNOWLEDGED.")
    @APIResponse(
            responseCode = "200",
            description = "The acknowledged alert",
            content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such alert in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView acknowledge(@PathParam("id") String id) {
        return monitoring.acknowledge(PageCursor.id(id, "alert"), caller.requireOrg());
    }
}
