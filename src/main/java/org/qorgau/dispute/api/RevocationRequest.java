package org.qorgau.dispute.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Withdrawing a dispute's resolution. */
@Schema(name = "RevocationRequest")
public record RevocationRequest(
        @Schema(required = true, maxLength = 2000) String reason) {}
