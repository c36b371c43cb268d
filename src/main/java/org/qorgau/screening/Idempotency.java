package org.qorgau.screening;

import java.util.Optional;
import org.qorgau.common.CanonicalJson;
import org.qorgau.error.ValidationException;

/**
 * The idempotency rules of single checks and batches alike: a key is 1 to {@link Kind#maxKeyLength} characters; a
 * request sent again with the same key and the same body (canonical JSON, so key order and spacing do not matter) is
 * answered with what was stored for it; the same key with another body is refused (422) and nothing runs.
 */
final class Idempotency {

    /** What the key identifies. */
    enum Kind {
        CHECK(200, "This Idempotency-Key was already used with a different request body."),
        // a batch's item i runs under KEY#i: room for the suffix within a single check's key length
        BATCH(180, "This Idempotency-Key was already used with a different batch.");

        final int maxKeyLength;
        final String mismatch;

        Kind(int maxKeyLength, String mismatch) {
            this.maxKeyLength = maxKeyLength;
            this.mismatch = mismatch;
        }
    }

    /** What was stored under a key: the hash of the request that made it, and its answer. */
    record Stored<T>(String requestHash, T answer) {}

    private Idempotency() {}

    /** Whether {@code key} (null: none sent) is acceptable; null when it is, else the problem. */
    static String problem(Kind kind, String key) {
        if (key != null && (key.isBlank() || key.length() > kind.maxKeyLength)) {
            return "Idempotency-Key must be 1-" + kind.maxKeyLength + " characters";
        }
        return null;
    }

    /** The hash a replay is recognised by. */
    static String requestHash(Object request) {
        return CanonicalJson.sha256Hex(CanonicalJson.encode(request));
    }

    /** The stored answer to replay for {@code requestHash}, or empty when nothing was stored under the key. */
    static <T> Optional<T> replay(Kind kind, Optional<Stored<T>> stored, String requestHash) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!requestHash.equals(stored.get().requestHash())) {
            throw new ValidationException("Idempotency-Key", kind.mismatch);
        }
        return Optional.of(stored.get().answer());
    }
}
