package org.qorgau.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/** Qorgau's own settings ({@code qorgau.*}; environment {@code QORGAU_*}). */
@ConfigMapping(prefix = "qorgau")
public interface QorgauConfig {

    /** Embedded PostgreSQL data ({@code pg/}) and development keys ({@code keys/}). */
    @WithDefault("./data")
    String dataDir();

    Http http();

    Registry registry();

    Index index();

    Matching matching();

    interface Matching {
        /** A matching parameter file to use instead of the shipped {@code matching/parameters.properties}. */
        java.util.Optional<String> parameters();
    }

    Audit audit();

    Quota quota();

    Usage usage();

    Batch batch();

    Photo photo();

    /** Photos sent to be hashed ({@code qorgau.photo.*}); the photo itself is never kept. */
    interface Photo {
        /** Largest photo, in bytes ({@code QORGAU_PHOTO_MAX_BYTES}); larger photos answer 413. */
        @WithDefault("10485760")
        long maxBytes();

        /**
         * Most pixels ({@code width × height}) a photo may declare; refused from its header before decoding, so a small
         * file that would expand to gigabytes (a decompression bomb) costs nothing.
         */
        @WithDefault("50000000")
        long maxPixels();

        /** Smallest accepted width and height, in pixels. */
        @WithDefault("16")
        int minSide();

        /**
         * Photos decoded at the same time per replica; others wait up to {@code queue-timeout} and then answer 503. With
         * the body limit this bounds the memory photos can take: about 60 MB per decode for a 12-megapixel JPEG.
         */
        @WithDefault("4")
        int maxConcurrent();

        /**
         * Photo uploads a replica accepts at the same time (bodies in memory, waiting or decoding); beyond this a photo
         * request answers 503 with Retry-After before its body is read.
         */
        @WithDefault("8")
        int maxInFlight();

        /** Longest a photo waits for a decoding slot before the request answers 503 with Retry-After. */
        @WithDefault("10s")
        Duration queueTimeout();
    }

    Disclosure disclosure();

    /**
     * How much of the registry one answer and one day may disclose ({@code qorgau.disclosure.*}). Screening discloses
     * registry details only in proportion to the evidence a query brings: a query broad enough to match many entries is
     * a way to read the registry, not to screen a person.
     */
    interface Disclosure {
        /**
         * Most registry entries one answer discloses. A query that matches more answers 422 {@code too-broad}: nothing
         * is disclosed, the refusal is audited and counts against the quota, and the screener is asked for the full
         * date of birth and the name as on the identity document.
         */
        @WithDefault("5")
        int maxEntries();

        /**
         * A name with more tokens than this, or with a token repeated, cannot be a person's name: it is screened (a
         * padded registered name is still found and the verdict given) but the answer withholds every registry detail.
         */
        @WithDefault("8")
        int maxNameTokens();

        /** Distinct registry entries one organisation may be shown per day (zone {@code qorgau.usage.zone}); 0 = no cap. */
        @WithDefault("100")
        int entriesPerDay();

        /** Distinct registry entries one token subject may be shown per day; 0 = no cap. */
        @WithDefault("50")
        int entriesPerDayPerSubject();
    }

    interface Http {
        /** Largest request body outside the registry import, in bytes; larger bodies answer 413. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /**
         * Longest wait for a request body outside the registry import, from the end of the headers; slower bodies
         * answer 408 and the connection is closed. Bodies are received without holding a worker thread.
         */
        @WithDefault("10s")
        Duration bodyTimeout();

        /** Largest registry import body, in bytes (a national snapshot is about 265 MB). */
        @WithDefault("1073741824")
        long maxImportBytes();
    }

    interface Registry {
        /** Longest accepted line (NDJSON) or record (CSV) of an import, in characters. */
        @WithDefault("65536")
        int maxLineChars();

        /** At most this many line errors are listed in a 422 answer; the total count is always given. */
        @WithDefault("10000")
        int maxReportedErrors();

        /**
         * A {@code replace} import that would remove more than this share of the registry's entries (0-1) answers 409
         * with the counts unless it confirms the number ({@code confirmRemovals}): a truncated upstream file must not
         * empty the registry.
         */
        @WithDefault("0.10")
        double maxReplaceRemovalShare();
    }

    interface Index {
        /** How often each replica looks for a new registry version. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * Registry entries changed since the last full index build that a replica serves from a small delta index on
         * top of it; beyond this it rebuilds the full index in the background (and, past 10 % of the registry, at once).
         */
        @WithDefault("50000")
        int maxDelta();

        /**
         * Whether a full {@code replace} import builds its version's matching index while it runs and serves it at
         * commit, before it answers (holding the file's matching fields in memory meanwhile); otherwise the replica
         * reads and indexes the new version after the import answered.
         */
        @WithDefault("true")
        boolean prepareReplace();
    }

    interface Audit {
        /**
         * How long a check's personal fields (candidate name, date of birth, photo hash) stay readable in the audit
         * log; afterwards they are redacted, the event and its place in the hash chain stay.
         */
        @WithDefault("P1825D")
        Duration retention();

        /** How often each replica looks for audit events past their retention period. */
        @WithDefault("1h")
        String retentionSweep();

        /** How often the service signs the audit chain's head (skipped when the head has not moved). */
        @WithDefault("1h")
        String checkpointInterval();

        /** Largest page of {@code GET /v1/audit/events}. */
        @WithDefault("1000")
        int maxPageSize();

        /** Most checks written in one shared transaction (group commit: one fsync and one head lock for all). */
        @WithDefault("256")
        int maxGroupCommit();

        /**
         * Longest a check (or another audited write) waits for its group commit before it answers 503. Keep it above
         * the database's statement timeout, so a slow database fails the statement before the caller gives up.
         */
        @WithDefault("15s")
        Duration commitTimeout();

        /** Rows fetched per database round trip while streaming an export or verifying the chain. */
        @WithDefault("2000")
        int fetchSize();

        Refusals refusals();
    }

    /**
     * How refused requests (401, 403) reach the audit log ({@code qorgau.audit.refusals.*}). Requests without a valid
     * token cost an attacker nothing, so they are counted per source address and window and written as one
     * {@code ACCESS_REFUSED} summary event each (count, paths, reasons), not one event per request. A refusal of an
     * authenticated subject is written individually up to {@code per-subject-individually} per window; beyond that it
     * is counted into a summary of that subject too.
     */
    interface Refusals {
        /** The summary window: one summary per source (or subject) and window. */
        @WithDefault("1m")
        Duration window();

        /** How often each replica writes the summaries of windows that have closed. */
        @WithDefault("10s")
        String flushInterval();

        /**
         * Distinct sources summarised separately per window; refusals from further sources in the same window are
         * counted into one summary with the source {@code other}, so a flood from many addresses stays bounded too.
         */
        @WithDefault("1000")
        int maxSources();

        /** Refusals of one authenticated subject per window written as individual events before they are summarised. */
        @WithDefault("20")
        int perSubjectIndividually();

        /** Distinct paths listed in one summary; further paths are counted under {@code other}. */
        @WithDefault("20")
        int maxPaths();
    }

    interface Quota {
        /** Checks one organisation may run per minute across all replicas (a batch counts each item); 0 = unlimited. */
        @WithDefault("1200")
        int checksPerMinute();

        /** Per-organisation overrides of {@code checks-per-minute}, e.g. {@code qorgau.quota.per-org.big-school=5000}. */
        Map<String, Integer> perOrg();

        /**
         * Checks one token subject ({@code sub}, within its organisation) may run per minute across all replicas, so
         * one stolen or scripted account cannot use the whole organisation's allowance; 0 = unlimited. At least
         * {@code qorgau.batch.max-items}, so one full batch fits.
         */
        @WithDefault("600")
        int checksPerMinutePerSubject();
    }

    interface Usage {
        /** Working hours start (local time in {@code zone}); checks outside working hours are reported as such. */
        @WithDefault("08:00")
        LocalTime workdayStart();

        /** Working hours end (local time, exclusive). */
        @WithDefault("19:00")
        LocalTime workdayEnd();

        /** Time zone of working hours and of the report's days. */
        @WithDefault("Asia/Almaty")
        ZoneId zone();

        /** A candidate checked more than this many times by one organisation in the period counts as repeated. */
        @WithDefault("1")
        int repeatThreshold();

        Sweep sweep();
    }

    /**
     * The registry-sweep detector of the usage report ({@code qorgau.usage.sweep.*}): an organisation is flagged when
     * its checks look like someone enumerating the registry rather than screening applicants.
     */
    interface Sweep {
        /** Flag when at least this many distinct names got a MATCH or POSSIBLE_MATCH... */
        @WithDefault("10")
        int minDistinctHits();

        /** ...and at least this share of the organisation's checks had one (real screening hits almost never). */
        @WithDefault("0.05")
        double minHitShare();

        /** Flag a run of at least this many consecutive checks in alphabetical order of name, or in date order. */
        @WithDefault("50")
        int minRun();

        /** Flag one name checked with at least this many different dates of birth (guessing a registry person's). */
        @WithDefault("5")
        int minDatesPerName();
    }

    CandidateKey candidateKey();

    /**
     * The server key of the keyed candidate hashes ({@code qorgau.candidate-key.*}): HMAC-SHA256 of a candidate's name
     * and date of birth, stored where only "same person?" is needed (idempotency, reviews, dispute resolutions).
     */
    interface CandidateKey {
        /**
         * The current secret, base64, at least 32 bytes ({@code QORGAU_CANDIDATE_KEY_SECRET}); the same on every
         * replica. Unset: a key generated once into {@code $QORGAU_DATA_DIR/keys/candidate-key} (development).
         */
        java.util.Optional<String> secret();

        /** Id of the current secret, stored with every hash made with it ({@code QORGAU_CANDIDATE_KEY_ID}). */
        @WithDefault("1")
        String id();

        /**
         * Retired secrets by id ({@code qorgau.candidate-key.previous.<id>}), still accepted when looking up stored
         * hashes while they are re-keyed; dispute resolutions made under a retired key apply as long as it is listed.
         */
        Map<String, String> previous();
    }

    /**
     * Refuse to start in the {@code prod} profile with the development signing keys or the embedded database
     * ({@code QORGAU_REQUIRE_PRODUCTION_SETUP}); when false, the service starts and logs a warning instead.
     */
    @WithDefault("false")
    boolean requireProductionSetup();

    interface Batch {
        /** Most candidates in one {@code POST /v1/checks/batch}. */
        @WithDefault("500")
        int maxItems();
    }
}
