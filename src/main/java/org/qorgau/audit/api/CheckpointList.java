package org.qorgau.audit.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Signed checkpoints and the key to check them. */
@Schema(name = "CheckpointList")
public record CheckpointList(
        @Schema(example = "Ed25519") String algorithm,

        @Schema(description = "This service's current public key, base64 X.509 (SubjectPublicKeyInfo)")
        String publicKey,

        @Schema(description = "The same key as PEM, ready for openssl")
        String publicKeyPem,

        @Schema(description = "Newest first") List<CheckpointView> checkpoints) {}
