package org.qorgau.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Continuous monitoring of enrolled people ({@code qorgau.monitoring.*}; environment {@code QORGAU_MONITORING_*}). */
@ConfigMapping(prefix = "qorgau.monitoring")
public interface MonitoringConfig {

    /** How often each replica looks for registry changes not yet turned into re-screens, and for due re-screens. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Re-screens one replica runs at the same time. Each is an audited check that waits for the audit log's group
     * commit rather than for the processor, so more of them at once share each commit (as batch enrolment's do).
     */
    @WithDefault("8")
    int rescreenThreads();

    /**
     * Enrolments of one {@code POST /v1/monitored-people/batch} run at the same time (their writes share the audit
     * log's group commits).
     */
    @WithDefault("8")
    int enrolmentThreads();

    /** Due re-screens one replica claims at a time. */
    @WithDefault("64")
    int claimBatch();

    /**
     * How long a claim (of a registry change, or of a due re-screen) lasts: a replica that dies holding one leaves it to
     * another after this.
     */
    @WithDefault("2m")
    Duration claimLease();

    /** After unenrolment, the person's name, date of birth and photo hash are kept this long, then redacted. */
    @WithDefault("P90D")
    Duration retention();
}
