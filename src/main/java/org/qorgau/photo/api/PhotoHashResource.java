package org.qorgau.photo.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.error.Problem;
import org.qorgau.matching.photo.PdqResult;
import org.qorgau.photo.PhotoHashing;
import org.qorgau.security.Roles;

/** Computes a photo's PDQ hash for clients that keep only the hash. */
@Path("/v1/photo-hashes")
@DenyAll
@Tag(name = "Photos", description = "PDQ hashes of photos; photos are never kept")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
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
        description = "Truncated or corrupt, too small, too many pixels, or several frames",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "503",
        description = "Too many photos are being hashed; retry after Retry-After seconds",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PhotoHashResource {

    static final String DESCRIPTION = "The photo is hashed in memory and dropped: it is never written to disk, the"
            + " database, the audit log or the logs. EXIF orientation is applied first.";

    private final PhotoHashing photos;

    public PhotoHashResource(PhotoHashing photos) {
        this.photos = photos;
    }

    @POST
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER, Roles.REGISTRY_ADMIN})
    @Consumes({"image/jpeg", "image/png", "image/webp"})
    @Operation(operationId = "hashPhoto", summary = "Hash a photo (the image as the body)", description = DESCRIPTION)
    @RequestBody(
            content = {
                @Content(
                        mediaType = "image/jpeg",
                        schema =
                                @Schema(
                                        type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                        format = "binary")),
                @Content(
                        mediaType = "image/png",
                        schema =
                                @Schema(
                                        type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                        format = "binary")),
                @Content(
                        mediaType = "image/webp",
                        schema =
                                @Schema(
                                        type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                        format = "binary"))
            })
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PhotoHashView.class)))
    public PhotoHashView hashImage(byte[] photo, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        return view(photos.hash(photo, contentType));
    }

    @POST
    @RolesAllowed({Roles.SCREENER, Roles.REVIEWER, Roles.REGISTRY_ADMIN})
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Hash a photo (form upload, part 'photo')", description = DESCRIPTION)
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PhotoHashView.class)))
    public PhotoHashView hashForm(byte[] form, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        return view(photos.hashForm(contentType, form));
    }

    static PhotoHashView view(PdqResult result) {
        return new PhotoHashView(result.hash(), result.quality());
    }
}
