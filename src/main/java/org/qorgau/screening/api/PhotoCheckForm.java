package org.qorgau.screening.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.qorgau.error.BadRequestException;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.photo.PdqHasher;
import org.qorgau.matching.photo.PdqResult;
import org.qorgau.photo.MultipartForm;
import org.qorgau.photo.PhotoHashing;

/**
 * A check sent as a form with a photo: its {@code request} part read as a check's JSON, its {@code photo} part
 * reduced to a PDQ hash that becomes {@code candidate.photoHash} (when the photo is good enough to be evidence), and
 * the form's bytes zeroed as soon as the hash is taken. The photo itself goes nowhere.
 */
@ApplicationScoped
public class PhotoCheckForm {

    /** The check to perform (with the photo's hash, if useful) and what the answer says about the photo. */
    public record Read(CheckRequest request, CheckResponse.PhotoUse use) {}

    private final PhotoHashing photos;
    private final ObjectMapper json;

    public PhotoCheckForm(PhotoHashing photos, ObjectMapper json) {
        this.photos = photos;
        this.json = json;
    }

    public Read read(String contentType, byte[] form) {
        MultipartForm parts = MultipartForm.parse(contentType, form);
        MultipartForm.Part requestPart = parts.part("request");
        MultipartForm.Part photoPart = parts.part(PhotoHashing.PHOTO_PART);
        if (requestPart == null) {
            throw new ValidationException("request", "The form has no 'request' part (the check's JSON).");
        }
        if (photoPart == null) {
            throw new ValidationException(PhotoHashing.PHOTO_PART, "The form has no 'photo' part.");
        }
        CheckRequest request = parseRequest(requestPart.body());
        if (request == null || request.candidate() == null) {
            throw new ValidationException("candidate", "candidate is required");
        }
        if (request.candidate().photoHash() != null) {
            throw new ValidationException(
                    "candidate.photoHash", "Send either candidate.photoHash or a photo, not both.");
        }
        PdqResult hash = photos.hash(photoPart.body(), photoPart.contentType());
        Arrays.fill(form, (byte) 0);
        CheckResponse.PhotoUse use = hash.useful()
                ? new CheckResponse.PhotoUse(
                        hash.quality(), true, "The photo's PDQ hash (quality " + hash.quality() + ") was compared.")
                : new CheckResponse.PhotoUse(
                        hash.quality(),
                        false,
                        "Photo quality " + hash.quality() + " is below " + PdqHasher.MIN_USEFUL_QUALITY
                                + "; the photo was not used as evidence.");
        CandidateInput candidate = new CandidateInput(
                request.candidate().fullName(), request.candidate().dateOfBirth(), hash.useful() ? hash.hash() : null);
        CheckRequest withHash =
                new CheckRequest(candidate, request.purpose(), request.position(), request.consentReference());
        return new Read(withHash, use);
    }

    private CheckRequest parseRequest(byte[] body) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new BadRequestException("The request part is not valid UTF-8.");
        }
        try {
            return json.readValue(body, CheckRequest.class);
        } catch (IOException e) {
            throw new BadRequestException("The request part is not a valid check request (JSON).");
        }
    }
}
