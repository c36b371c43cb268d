package org.qorgau.registry.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.error.Problem;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.photo.PdqHasher;
import org.qorgau.matching.photo.PdqResult;
import org.qorgau.photo.PhotoHashing;
import org.qorgau.registry.RegistryService;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;

/** Photos of a registry entry: only their PDQ hashes are kept, as a new registry version. */
@Path("/v1/registry/entries/{externalId}/photos")
@DenyAll
@Tag(name = "Registry", description = "Load and correct the registry (role registry-admin)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryPhotoResource {

    private static final String PHOTO_DESCRIPTION =
            "Computes the photo's PDQ hash (EXIF orientation applied) and adds it to"
                    + " the entry's photoHashes as a new registry version, audited like a correction. The photo is hashed in"
                    + " memory and dropped: it is never written to disk, the database, the audit log or the logs.";

    private final RegistryService registry;
    private final PhotoHashing photos;
    private final CurrentCaller caller;

    public RegistryPhotoResource(RegistryService registry, CurrentCaller caller, PhotoHashing photos) {
        this.registry = registry;
        this.photos = photos;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Consumes({"image/jpeg", "image/png", "image/webp"})
    @Operation(
            operationId = "addRegistryEntryPhoto",
            summary = "Add a photo to an entry (the image as the body)",
            description = PHOTO_DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "The entry with the photo's hash added; X-Registry-Version names the new version",
            content = @Content(schema = @Schema(implementation = RegistryEntry.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such entry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "The photo is larger than QORGAU_PHOTO_MAX_BYTES (default 10 MB)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "Not a JPEG, PNG or WebP image, or not the type it was sent as",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unreadable photo, quality below 50, or the entry already has the most photos allowed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response addPhoto(
            @PathParam("externalId") String externalId,
            byte[] photo,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        return added(externalId, photos.hash(photo, contentType));
    }

    @POST
    @RolesAllowed(Roles.REGISTRY_ADMIN)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Add a photo to an entry (form upload, part 'photo')", description = PHOTO_DESCRIPTION)
    @APIResponse(
            responseCode = "200",
            description = "The entry with the photo's hash added; X-Registry-Version names the new version",
            content = @Content(schema = @Schema(implementation = RegistryEntry.class)))
    public Response addPhotoForm(
            @PathParam("externalId") String externalId,
            byte[] form,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        return added(externalId, photos.hashForm(contentType, form));
    }

    private Response added(String externalId, PdqResult hash) {
        if (!hash.useful()) {
            throw new ValidationException(
                    PhotoHashing.PHOTO_PART,
                    "The photo's quality is " + hash.quality() + "; below " + PdqHasher.MIN_USEFUL_QUALITY
                            + " a PDQ hash is not evidence (a flat, blurred or tiny picture). Nothing changed.");
        }
        RegistryService.PutResult result = registry.addPhotoHash(externalId, hash.hash(), caller.get());
        return Response.ok(result.entry())
                .header("X-Registry-Version", result.version())
                .build();
    }
}
