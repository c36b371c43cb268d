package org.qorgau.photo.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A photo's PDQ hash; the photo itself was not kept. */
@Schema(name = "PhotoHash", description = "The PDQ hash of a photo and its quality; the photo is not kept.")
public record PhotoHashView(
        @Schema(
                description = "256-bit PDQ hash, 64 hexadecimal characters",
                example = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22")
        String pdqHash,

        @Schema(
                description = "0-100: how much structure the photo has. Below 50 the hash is not used as evidence"
                        + " (flat, blurred or tiny pictures).",
                example = "100")
        int quality) {}
