package org.qorgau.console;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The auditor's pages: audit events, one event, verifying the chain, the usage report and the signed checkpoints. In
 * templates {@code {audit:key}}; the texts are in {@code messages/audit_en.properties} (English, the default), {@code
 * audit_kk.properties} (Kazakh) and {@code audit_ru.properties} (Russian), key for key in this order. The build fails
 * when a key here has no English text, or a file names a key not declared here. Names of people are never translated:
 * they are shown exactly as written.
 */
@MessageBundle(value = "audit", locale = "en")
public interface AuditMsg {

    String eventsTitle();

    String filter();

    String filterType();

    String filterActor();

    String filterFrom();

    String filterTo();

    String any();

    String apply();

    String noEvents();

    String colSequence();

    String colOccurred();

    String exportCsv();

    String exportNdjson();

    String eventTitle(long sequence);

    String query();

    String outcome();

    String prevHash();

    String hash();

    String verifyTitle();

    String verifyIntro();

    String verifyRun();

    String verifyValid();

    String verifyBroken(String sequence);

    String checked();

    String firstSequence();

    String lastSequence();

    String headHash();

    String problem();

    String checkpointsChecked();

    String usageTitle();

    String usagePeriod(String from, String to, String zone);

    String colChecks();

    String colOutsideHours();

    String colDistinct();

    String colRepeated();

    String colSweep();

    String sweepSuspected();

    String noUsage();

    String checkpointsTitle();

    String signedAt();

    String downloadCheckpoints();

    String noCheckpoints();
}
