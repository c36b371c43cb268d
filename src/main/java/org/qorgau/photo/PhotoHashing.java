package org.qorgau.photo;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.qorgau.config.PhotoConfig;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.PayloadTooLargeException;
import org.qorgau.error.ServiceUnavailableException;
import org.qorgau.error.UnsupportedMediaTypeException;
import org.qorgau.error.ValidationException;
import org.qorgau.matching.photo.PdqHasher;
import org.qorgau.matching.photo.PdqResult;
import org.qorgau.matching.photo.PhotoDecoder;
import org.qorgau.matching.photo.PhotoRejected;

/**
 * Turns a photo into its PDQ hash and forgets the photo. The bytes stay in memory only (never disk, database, log,
 * audit or error message), are overwritten with zeros as soon as the hash is computed, and at most
 * {@code qorgau.photo.max-concurrent} photos are decoded at once, so memory stays bounded under a burst of uploads.
 */
@ApplicationScoped
public class PhotoHashing {

    private static final Logger LOG = Logger.getLogger(PhotoHashing.class);

    /** The form part that carries the photo. */
    public static final String PHOTO_PART = "photo";

    private final PhotoConfig config;
    private final PhotoDecoder decoder;
    private final Semaphore slots;
    private final PdqHasher hasher = new PdqHasher();

    public PhotoHashing(QorgauConfig config) {
        this.config = config.photo();
        this.decoder = new PhotoDecoder(this.config.maxPixels(), this.config.minSide(), 512);
        this.slots = new Semaphore(Math.max(1, this.config.maxConcurrent()), true);
    }

    /**
     * The hash of {@code photo}, whose declared type is {@code declaredType} ({@code image/jpeg}, {@code image/png},
     * {@code image/webp}; or null / {@code application/octet-stream} inside a form, when the bytes decide). The array
     * is zeroed before this returns, whatever the outcome.
     */
    public PdqResult hash(byte[] photo, String declaredType) {
        try {
            if (photo == null || photo.length == 0) {
                throw new ValidationException(PHOTO_PART, "The photo is empty.");
            }
            if (photo.length > config.maxBytes()) {
                throw new PayloadTooLargeException("The photo is larger than " + config.maxBytes() + " bytes.");
            }
            String expected = expectedFormat(declaredType);
            acquire();
            try {
                PhotoDecoder.Decoded decoded = decoder.decode(photo);
                if (expected != null && !expected.equals(decoded.format())) {
                    throw new UnsupportedMediaTypeException("The photo was sent as " + clean(declaredType)
                            + " but is a " + decoded.format().toUpperCase(Locale.ROOT) + " image.");
                }
                PdqResult result = hasher.hash(decoded.luma(), decoded.orientation());
                LOG.debugf(
                        "photo hashed: %s, %dx%d, quality %d",
                        decoded.format(), decoded.width(), decoded.height(), result.quality());
                return result;
            } catch (PhotoRejected e) {
                throw switch (e.reason()) {
                    case NOT_AN_IMAGE -> new UnsupportedMediaTypeException(e.getMessage());
                    default -> new ValidationException(PHOTO_PART, e.getMessage());
                };
            } finally {
                slots.release();
            }
        } finally {
            if (photo != null) {
                Arrays.fill(photo, (byte) 0);
            }
        }
    }

    /** The photo part of a {@code multipart/form-data} body, hashed. */
    public PdqResult hashForm(String contentType, byte[] body) {
        try {
            MultipartForm form = MultipartForm.parse(contentType, body);
            MultipartForm.Part part = form.part(PHOTO_PART);
            if (part == null) {
                throw new ValidationException(PHOTO_PART, "The form has no 'photo' part.");
            }
            return hash(part.body(), part.contentType());
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(config.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ServiceUnavailableException("Too many photos are being hashed right now; try again shortly.");
        }
    }

    /** The format the declared type promises, or null when the bytes decide. */
    private static String expectedFormat(String declaredType) {
        if (declaredType == null) {
            return null;
        }
        String type = declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "image/jpeg", "image/jpg", "image/pjpeg" -> "jpeg";
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            case "", "application/octet-stream" -> null;
            default ->
                throw new UnsupportedMediaTypeException(
                        "Photos are accepted as image/jpeg, image/png or image/webp, not " + clean(declaredType) + ".");
        };
    }

    private static String clean(String type) {
        String t = type.split(";")[0].trim();
        return t.length() <= 60 && t.matches("[A-Za-z0-9!#$&^_.+/-]*") ? t : "another type";
    }
}
