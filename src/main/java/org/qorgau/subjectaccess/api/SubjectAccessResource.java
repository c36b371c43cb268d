package org.qorgau.subjectaccess.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.qorgau.error.Problem;
import org.qorgau.security.CurrentCaller;
import org.qorgau.security.Roles;
import org.qorgau.subjectaccess.SubjectAccessService;

/** Subject access on behalf of a person whose identity a data-protection officer verified. */
@Path("/v1/subject-access-requests")
@DenyAll
@Tag(name = "Subject access", description = "Which checks were about a person: for the person, through an officer")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectAccessResource {

    private final SubjectAccessService service;
    private final CurrentCaller caller;

    public SubjectAccessResource(SubjectAccessService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.DATA_PROTECTION_OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createSubjectAccessRequest",
            summary = "List every check about a verified person",
            description = "After verifying the person's identity offline, a data-protection officer asks which checks"
                    + " were about them. The answer lists every check still within retention whose candidate is this"
                    + " person under the engine's normalisation (another script, transliteration, order or case of"
                    + " the name finds the same checks; a check sent with only the birth year or month is included):"
                    + " organisation, date, purpose, verdict and whether a human decided, never staff names. The"
                    + " document is signed (Ed25519, detached) with the audit checkpoint key published at"
                    + " GET /v1/audit/checkpoints. Nothing is stored but the SUBJECT_ACCESS audit event, whose"
                    + " personal fields are redacted after retention.")
    @APIResponse(
            responseCode = "200",
            description = "The signed answer",
            content = @Content(schema = @Schema(implementation = SubjectAccessAnswer.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid request; nothing was searched",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubjectAccessAnswer create(SubjectAccessRequest request) {
        return service.answer(request, caller.get());
    }
}
