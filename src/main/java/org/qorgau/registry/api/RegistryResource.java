package org.qorgau.registry.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.common.Paging;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.Problem;
import org.qorgau.error.UnsupportedMediaTypeException;
import org.qorgau.error.ValidationException;
import org.qorgau.registry.ImportMode;
import org.qorgau.registry.RegistryService;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** The registry, for the authority that publishes it. */
@Path("/v1/registry")
@DenyAll
@Tag(name = "Registry", description = "Load and correct the registry (role registry-admin)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {

    public static final String NDJSON = "application/x-ndjson";

    private final RegistryService registry;
    private final CurrentCaller caller;

    public RegistryResource(RegistryService registry, CurrentCaller caller) {
        this.registry = registry;
        this.caller = caller;
    }

    @POST
    @Path("/imports")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Consumes({NDJSON, "text/csv"})
    @Operation(
            operationId = "importRegistry",
            summary = "Import registry entries",
            description = "Streams a file of entries (NDJSON, one per line; or CSV with a header row of field names and"
                    + " `|` between list items). All or nothing: any invalid line rejects the whole import with 422"
                    + " listing every line's errors, and nothing changes. `replace` makes the registry equal to the"
                    + " file; `upsert` adds and updates. Each applied import makes a new registry version. A `replace`"
                    + " that would remove more than a configured share of the registry (default 10 %) answers 409 with"
                    + " the counts unless `confirmRemovals` equals the number it removes; `dryRun=true` answers the"
                    + " counts without applying anything.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = NDJSON,
                        schema = @Schema(type = SchemaType.STRING),
                        example = "{\"externalId\":\"KZ-1\",\"fullName\":\"Сейткали Нұрлан Маратұлы\","
                                + "\"dateOfBirth\":\"1979-03-14\",\"offence\":\"UK RK 122\"}"),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        example = "externalId,fullName,aliases,dateOfBirth,photoHashes,offence\n"
                                + "KZ-1,Сейткали Нұрлан Маратұлы,Сейткалиев Нурлан,1979-03-14,,UK RK 122")
            })
    @APIResponse(
            responseCode = "200",
            description = "Applied as a new registry version",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(
            responseCode = "422",
            description = "Rejected; nothing changed; every invalid line is listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "A replace would remove more than the configured share of the registry and the removal count"
                    + " was not confirmed; nothing changed; `counts` shows what it would do",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Body larger than the import limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ImportResult importEntries(
            @Parameter(
                            description = "upsert (default) or replace",
                            schema = @Schema(enumeration = {"upsert", "replace"}))
                    @QueryParam("mode")
                    @DefaultValue("upsert")
                    String mode,
            @Parameter(description = "Validate and count only; nothing is applied")
                    @QueryParam("dryRun")
                    @DefaultValue("false")
                    boolean dryRun,
            @Parameter(description = "For a large replace: the number of entries it removes, as a dry run reported")
                    @QueryParam("confirmRemovals")
                    String confirmRemovals,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        ImportMode importMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "upsert" -> ImportMode.UPSERT;
            case "replace" -> ImportMode.REPLACE;
            default -> throw new ValidationException("mode", "mode must be upsert or replace");
        };
        boolean csv =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv");
        if (!csv
                && (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(NDJSON))) {
            throw new UnsupportedMediaTypeException("Send application/x-ndjson or text/csv.");
        }
        Long confirmed = null;
        if (confirmRemovals != null) {
            try {
                confirmed = Long.parseLong(confirmRemovals);
            } catch (NumberFormatException e) {
                throw new ValidationException("confirmRemovals", "confirmRemovals must be a whole number");
            }
        }
        return registry.importEntries(importMode, csv, body, caller.get(), dryRun, confirmed);
    }

    @GET
    @Path("/entries/{externalId}")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Operation(operationId = "getRegistryEntry", summary = "Read one registry entry")
    @APIResponse(
            responseCode = "200",
            description = "The entry",
            content = @Content(schema = @Schema(implementation = RegistryEntry.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RegistryEntry get(@PathParam("externalId") String externalId) {
        return registry.find(externalId)
                .orElseThrow(() -> new NotFoundException("No registry entry with this externalId."));
    }

    @PUT
    @Path("/entries/{externalId}")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "putRegistryEntry",
            summary = "Create or correct one registry entry",
            description = "Makes a new registry version.")
    @APIResponse(
            responseCode = "200",
            description = "Updated",
            content = @Content(schema = @Schema(implementation = RegistryEntry.class)))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = RegistryEntry.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid entry; nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response put(@PathParam("externalId") String externalId, RegistryEntry body) {
        if (body == null) {
            throw new ValidationException(null, "A JSON entry is required.");
        }
        RegistryService.PutResult result = registry.put(externalId, body, caller.get());
        return Response.status(result.created() ? 201 : 200)
                .header("X-Registry-Version", result.version())
                .entity(result.entry())
                .build();
    }

    @DELETE
    @Path("/entries/{externalId}")
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Operation(
            operationId = "deleteRegistryEntry",
            summary = "Remove one registry entry",
            description = "Requires a reason; the entry's history is kept and the removal makes a new version.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(
            responseCode = "404",
            description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "No reason given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(
            @PathParam("externalId") String externalId,
            @Parameter(description = "Why the entry is removed (required)", example = "conviction quashed on appeal")
                    @QueryParam("reason")
                    String reason) {
        long version = registry.delete(externalId, reason, caller.get());
        return Response.noContent().header("X-Registry-Version", version).build();
    }

    @GET
    @Path("/versions")
    @RolesAllowed({Roles.REGISTRY_ADMIN, Roles.AUDITOR})
    @Operation(
            operationId = "listRegistryVersions",
            summary = "Registry versions, newest first",
            description = "Who changed what, when, with counts and the content hash of the whole registry.")
    @APIResponse(
            responseCode = "200",
            description = "A page of versions",
            headers =
                    @Header(
                            name = "Link",
                            description = "`<URL>; rel=\"next\"` of the next page; absent on the last",
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = RegistryVersionPage.class)))
    public Response versions(
            @Parameter(description = "At most this many (1-1000)") @QueryParam("limit") @DefaultValue("100") int limit,
            @Parameter(description = "The previous page's nextCursor") @QueryParam("cursor") String cursor,
            @Context UriInfo uriInfo) {
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("limit", "limit must be between 1 and 1000");
        }
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "cursor must be a nextCursor from an earlier page");
            }
        }
        List<RegistryVersionView> versions = registry.versions(limit + 1, before);
        String next = null;
        if (versions.size() > limit) {
            versions = versions.subList(0, limit);
            next = Long.toString(versions.get(limit - 1).version());
        }
        return Paging.ok(new RegistryVersionPage(List.copyOf(versions), next), next, uriInfo);
    }
}
