package org.qorgau.audit.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A signed head of the audit chain. */
@Schema(
        name = "Checkpoint",
        description = "A signed head of the audit chain. The signature is Ed25519 over the UTF-8 bytes of"
                + " {\"hash\":HASH,\"sequence\":SEQUENCE,\"signedAt\":SIGNED_AT} (keys sorted, no spaces, signedAt as"
                + " ISO-8601 UTC with microsecond precision as shown here).")
public record CheckpointView(
        @Schema(example = "4711") long sequence,
        @Schema(example = "41ab5c…") String hash,
        Instant signedAt,
        @Schema(description = "Base64 Ed25519 signature") String signature,

        @Schema(description = "Base64 X.509 (SubjectPublicKeyInfo) public key that made the signature")
        String publicKey) {}
