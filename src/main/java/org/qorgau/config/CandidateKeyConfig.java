package org.qorgau.config;

import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * The server key of the keyed candidate hashes ({@code qorgau.candidate-key.*}): HMAC-SHA256 of a candidate's name
 * and date of birth, stored where only "same person?" is needed (idempotency, reviews, dispute resolutions).
 */
public interface CandidateKeyConfig {
    /**
     * The current secret, base64, at least 32 bytes ({@code QORGAU_CANDIDATE_KEY_SECRET}); the same on every
     * replica. Unset: a key generated once into {@code $QORGAU_DATA_DIR/keys/candidate-key} (development).
     */
    Optional<String> secret();

    /** Id of the current secret, stored with every hash made with it ({@code QORGAU_CANDIDATE_KEY_ID}). */
    @WithDefault("1")
    String id();

    /**
     * Retired secrets by id ({@code qorgau.candidate-key.previous.<id>}), still accepted when looking up stored
     * hashes while they are re-keyed; dispute resolutions made under a retired key apply as long as it is listed.
     */
    Map<String, String> previous();
}
