package org.qorgau.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The audit log: retention, checkpoints, reading and group commit ({@code qorgau.audit.*}). */
public interface AuditConfig {
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
}
