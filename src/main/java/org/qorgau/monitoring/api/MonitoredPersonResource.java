package org.qorgau.monitoring.api;

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
import org.qorgau.common.Validation;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.Problem;
import org.qorgau.error.ValidationException;
import org.qorgau.monitoring.BatchEnrolment;
import org.qorgau.monitoring.MonitoringService;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** People an organisation keeps screening while it employs them. */
@Path("/v1/monitored-people")
@DenyAll
@Tag(name = "Monitoring", description = "Continuous screening of the people an organisation employs")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class MonitoredPersonResource {

    private final MonitoringService monitoring;
    private final BatchEnrolment batches;
    private final CurrentCaller caller;

    public MonitoredPersonResource(MonitoringService monitoring, BatchEnrolment batches, CurrentCaller caller) {
        this.monitoring = monitoring;
        this.batches = batches;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SCREENER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "enrolMonitoredPerson",
            summary = "Enrol a person in continuous monitoring",
            description = "Runs a first check (an ordinary audited check with the request's purpose; its answer is"
                    + " `GET /v1/checks/{lastCheckId}`). From then on every registry change re-screens the person"
                    + " against the changed entries; a new or stronger match, or a matched entry removed, sets"
                    + " status NEW_INFORMATION, creates an alert and sends a `monitoring.new_information` webhook."
                    + " Audited as MONITORING_ENROLMENT_CHANGED.")
    @APIResponse(
            responseCode = "201",
            description = "Enrolled; `Location: /v1/monitored-people/{monitoredPersonId}`",
            content = @Content(schema = @Schema(implementation = MonitoredPersonView.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid enrolment, or the first check is too broad to answer; nobody was enrolled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "The organisation's check quota or disclosure cap is used up; `Retry-After` says when to"
                    + " come back",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds to wait",
                            schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response enrol(EnrolmentRequest request) {
        MonitoredPersonView enrolled = monitoring.enrol(request, caller.requireOrg());
        return Response.created(URI.create("/v1/monitored-people/" + enrolled.monitoredPersonId()))
                .entity(enrolled)
                .build();
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.SCREENER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "enrolMonitoredPeopleBatch",
            summary = "Enrol up to 500 people in continuous monitoring",
            description = "Each person becomes its own enrolment, exactly as `POST /v1/monitored-people`: a first"
                    + " audited check, then the person, audited as MONITORING_ENROLMENT_CHANGED. The answer lists, in"
                    + " request order, each item's person or its own problem; one bad item does not sink the rest.")
    @APIResponse(
            responseCode = "200",
            description = "Per-item results",
            content = @Content(schema = @Schema(implementation = EnrolmentBatchResponse.class)))
    @APIResponse(
            responseCode = "422",
            description = "The batch itself is invalid (purpose, no people, more than 500); nobody was enrolled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EnrolmentBatchResponse enrolBatch(EnrolmentBatchRequest request) {
        return batches.enrolAll(request, caller.requireOrg());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER})
    @Operation(operationId = "getMonitoredPerson", summary = "A monitored person of your organisation")
    @APIResponse(
            responseCode = "200",
            description = "The person's monitoring status",
            content = @Content(schema = @Schema(implementation = MonitoredPersonView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such person in your organisation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MonitoredPersonView get(@PathParam("id") String id) {
        return monitoring
                .find(PageCursor.id(id, "monitored person"), caller.requireOrg())
                .orElseThrow(() -> new NotFoundException("No such monitored person."));
    }

    @GET
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER})
    @Operation(
            operationId = "listMonitoredPeople",
            summary = "List your organisation's monitored people, newest enrolment first",
            description = "Only people still monitored. Page with `cursor` = the previous page's `nextCursor`.")
    @APIResponse(
            responseCode = "200",
            description = "A page of monitored people",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<URL>; rel=\"next\"` of the next page; absent on the last",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = MonitoredPersonPage.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid filter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(
            @Parameter(
                            description = "Only people with this status",
                            schema = @Schema(enumeration = {"NO_NEW_INFORMATION", "NEW_INFORMATION"}))
                    @QueryParam("status")
                    String status,
            @Parameter(description = "Only the person with this reference of yours") @QueryParam("reference")
                    String reference,
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "At most this many (1-500)") @QueryParam("limit") @DefaultValue("50") int limit,
            @Context UriInfo uriInfo) {
        PageCursor.checkLimit(limit);
        String problem = Validation.filter(reference);
        if (problem != null) {
            throw new ValidationException("reference", "reference " + problem);
        }
        if (status != null
                && !status.equals(MonitoringService.NO_NEW_INFORMATION)
                && !status.equals(MonitoringService.NEW_INFORMATION)) {
            throw new ValidationException("status", "status must be NO_NEW_INFORMATION or NEW_INFORMATION");
        }
        PageCursor after = PageCursor.decode(cursor);
        MonitoringService.PersonPage page =
                monitoring.list(caller.requireOrg(), status, reference, after.at(), after.id(), limit);
        String next = PageCursor.encode(page.nextAt(), page.nextId());
        return Paging.ok(new MonitoredPersonPage(page.items(), next), next, uriInfo);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER})
    @Operation(
            operationId = "unenrolMonitoredPerson",
            summary = "End monitoring of a person (employment ended)",
            description = "Re-screening stops at once; the person's name, date of birth and photo hash are redacted"
                    + " after the retention period (QORGAU_MONITORING_RETENTION). Audited as"
                    + " MONITORING_ENROLMENT_CHANGED with the reason.")
    @APIResponse(
            responseCode = "200",
            description = "Monitoring ended",
            content = @Content(schema = @Schema(implementation = MonitoredPersonView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such person in your organisation, or already unenrolled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MonitoredPersonView unenrol(
            @PathParam("id") String id,
            @Parameter(description = "Why monitoring ends (at most 300 characters)", example = "Employment ended")
                    @QueryParam("reason")
                    String reason) {
        return monitoring.unenrol(PageCursor.id(id, "monitored person"), reason, caller.requireOrg());
    }
}
