package org.qorgau.subjectaccess.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer: the document, the exact bytes that were signed, and the detached signature. */
@Schema(name = "SubjectAccessAnswer")
public record SubjectAccessAnswer(
        SubjectAccessDocument document,

        @Schema(
                description = "The document as signed: its canonical JSON (keys sorted, no spaces), UTF-8. Hand this"
                        + " text and `signature` to the person; anyone can check it with the public key of"
                        + " GET /v1/audit/checkpoints.")
        String signedDocument,

        Signature signature,
        Audit audit) {

    /** A detached Ed25519 signature over {@code signedDocument}'s UTF-8 bytes. */
    @Schema(name = "SubjectAccessSignature")
    public record Signature(
            @Schema(example = "Ed25519") String algorithm,

            @Schema(description = "Base64 X.509 SubjectPublicKeyInfo: the audit checkpoint key")
            String publicKey,

            @Schema(description = "Base64 signature") String value) {}

    /** The request's SUBJECT_ACCESS audit event. */
    @Schema(name = "SubjectAccessAudit")
    public record Audit(long sequence, String hash) {}
}
