package org.qorgau.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words in English; {@code messages/msg_kk.properties} and {@code messages/msg_ru.properties} give
 * Kazakh and Russian. Names of people are never translated: they are shown exactly as written.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message("Qorgau console")
    String appName();

    @Message("Skip to content")
    String skipToContent();

    @Message("Language")
    String language();

    @Message("Change language")
    String changeLanguage();

    @Message("Signed in as {subject} ({org})")
    String signedInAs(String subject, String org);

    @Message("Sign out")
    String signOut();

    @Message("Main menu")
    String mainMenu();

    @Message("Review queue")
    String navQueue();

    @Message("Audit events")
    String navEvents();

    @Message("Verify the chain")
    String navVerify();

    @Message("Usage")
    String navUsage();

    @Message("Checkpoints")
    String navCheckpoints();

    @Message("Development sign-in")
    String signInTitle();

    @Message("This sign-in exists only in development and tests. In production people sign in through their"
            + " organisation's identity provider.")
    String signInNotice();

    @Message("Role")
    String role();

    @Message("Organisation")
    String organisation();

    @Message("User name")
    String subject();

    @Message("Sign in")
    String signIn();

    @Message("Reviewer (safeguarding lead)")
    String roleReviewer();

    @Message("Auditor")
    String roleAuditor();

    @Message("Sign-in is not available")
    String signInUnavailableTitle();

    @Message("This service has no sign-in for the console configured. Ask your administrator.")
    String signInUnavailableText();

    @Message("Not allowed")
    String forbiddenTitle();

    @Message("Your role does not allow this page.")
    String forbiddenText();

    @Message("Not found")
    String notFoundTitle();

    @Message("There is no such page, or it belongs to another organisation.")
    String notFoundText();

    @Message("The form has expired. Reload the page and try again.")
    String csrfFailed();

    @Message("Checks waiting for a decision")
    String queueTitle();

    @Message("Oldest first. A check leaves the queue once every match has a current decision.")
    String queueIntro();

    @Message("Nothing is waiting for a decision.")
    String queueEmpty();

    @Message("Checked at")
    String colChecked();

    @Message("Verdict")
    String colVerdict();

    @Message("Purpose")
    String colPurpose();

    @Message("Entries to decide")
    String colPending();

    @Message("Check")
    String colCheck();

    @Message("Open")
    String open();

    @Message("Next page")
    String nextPage();

    @Message("Your decision was recorded.")
    String decidedNotice();

    @Message("Match")
    String verdictMatch();

    @Message("Possible match")
    String verdictPossibleMatch();

    @Message("No match")
    String verdictNoMatch();

    @Message("Decide: is this the same person?")
    String checkTitle();

    @Message("Check {id}, screened against registry version {version}")
    String checkSubtitle(String id, long version);

    @Message("Candidate as sent")
    String candidateAsSent();

    @Message("Registry entry {id}")
    String registryEntry(String id);

    @Message("Full name")
    String fullName();

    @Message("Other names")
    String aliases();

    @Message("Date of birth")
    String dateOfBirth();

    @Message("Photo hash")
    String photoHash();

    @Message("Region")
    String region();

    @Message("Offence")
    String offence();

    @Message("Source")
    String source();

    @Message("none")
    String none();

    @Message("The candidate's details were removed after the retention period.")
    String candidateRedacted();

    @Message("Evidence")
    String evidence();

    @Message("Field")
    String colField();

    @Message("Level")
    String colLevel();

    @Message("Weight")
    String colWeight();

    @Message("Detail")
    String colDetail();

    @Message("Probability of the same person: {p}")
    String probability(String p);

    @Message("Photo distance")
    String photoDistance();

    @Message("No photo compared")
    String noPhoto();

    @Message("Decisions so far")
    String priorDecisions();

    @Message("No decision yet.")
    String noPriorDecisions();

    @Message("current")
    String current();

    @Message("superseded")
    String superseded();

    @Message("by {reviewer}, {when}")
    String decidedBy(String reviewer, String when);

    @Message("Your decision")
    String yourDecision();

    @Message("Same person")
    String samePerson();

    @Message("Not the same person")
    String notSamePerson();

    @Message("Reason")
    String reason();

    @Message("Record decision")
    String record();

    @Message(
            "The current decision is \"{decision}\". A new decision replaces it; the earlier one stays in the history.")
    String willSupersede(String decision);

    @Message("The decision was not recorded")
    String errorTitle();

    @Message("Audit events")
    String eventsTitle();

    @Message("Filter")
    String filter();

    @Message("Type")
    String filterType();

    @Message("Actor (user name)")
    String filterActor();

    @Message("From (date)")
    String filterFrom();

    @Message("To (date, inclusive)")
    String filterTo();

    @Message("any")
    String any();

    @Message("Apply")
    String apply();

    @Message("No events match.")
    String noEvents();

    @Message("Sequence")
    String colSequence();

    @Message("Time")
    String colOccurred();

    @Message("Actor")
    String colActor();

    @Message("Download as CSV")
    String exportCsv();

    @Message("Download as NDJSON")
    String exportNdjson();

    @Message("Event {sequence}")
    String eventTitle(long sequence);

    @Message("Query")
    String query();

    @Message("Outcome")
    String outcome();

    @Message("Previous hash")
    String prevHash();

    @Message("Hash")
    String hash();

    @Message("Verify the audit chain")
    String verifyTitle();

    @Message("Recomputes every event's hash and link, and compares the chain with the signed checkpoints.")
    String verifyIntro();

    @Message("Verify now")
    String verifyRun();

    @Message("The chain verifies.")
    String verifyValid();

    @Message("The chain is broken. First broken sequence: {sequence}")
    String verifyBroken(String sequence);

    @Message("Events checked")
    String checked();

    @Message("First sequence")
    String firstSequence();

    @Message("Last sequence")
    String lastSequence();

    @Message("Head hash")
    String headHash();

    @Message("Problem")
    String problem();

    @Message("Checkpoints compared")
    String checkpointsChecked();

    @Message("Usage per organisation")
    String usageTitle();

    @Message("Period: {from} to {to} ({zone})")
    String usagePeriod(String from, String to, String zone);

    @Message("Checks")
    String colChecks();

    @Message("Outside working hours")
    String colOutsideHours();

    @Message("Distinct candidates")
    String colDistinct();

    @Message("Candidates checked more than once")
    String colRepeated();

    @Message("Sweep signals")
    String colSweep();

    @Message("Suspected sweep")
    String sweepSuspected();

    @Message("No organisation checked anyone in this period.")
    String noUsage();

    @Message("Signed checkpoints")
    String checkpointsTitle();

    @Message("Signed at")
    String signedAt();

    @Message("Download all as JSON")
    String downloadCheckpoints();

    @Message("No checkpoint has been signed yet.")
    String noCheckpoints();

    @Message("Home")
    String homeTitle();

    @Message("Your role has no console pages yet; use the API.")
    String homeNoPages();

    @Message("Registry")
    String navRegistry();

    @Message("Import a file")
    String navImport();

    @Message("Registry administrator")
    String roleRegistryAdmin();

    @Message("Registry versions")
    String registryTitle();

    @Message("Every import and every correction makes a new version of the registry: who made it, when, how and what"
            + " it changed, newest first.")
    String registryIntro();

    @Message("The registry has no version yet.")
    String noVersions();

    @Message("Version")
    String colVersion();

    @Message("Made")
    String colMade();

    @Message("Change")
    String colKind();

    @Message("Added")
    String colAdded();

    @Message("Updated")
    String colUpdated();

    @Message("Removed")
    String colRemoved();

    @Message("Unchanged")
    String colUnchanged();

    @Message("Entries after")
    String colEntries();

    @Message("Content hash")
    String colContentHash();

    @Message("Import (add and update)")
    String kindImportUpsert();

    @Message("Import (replace)")
    String kindImportReplace();

    @Message("Entry corrected")
    String kindEntryPut();

    @Message("Entry removed")
    String kindEntryDelete();

    @Message("Import a registry file")
    String importTitle();

    @Message(
            "A CSV file (a header row of the entry's field names, | between list items) or NDJSON (one entry per line)."
                    + " All or nothing: if any line is invalid, nothing changes and every line's error is listed here.")
    String importIntro();

    @Message("File (.csv or .ndjson)")
    String importFile();

    @Message("Mode")
    String importMode();

    @Message("Add and update (upsert)")
    String modeUpsert();

    @Message("Replace: the registry becomes the file (entries not in it are removed)")
    String modeReplace();

    @Message("Dry run: check the file and count the changes, change nothing")
    String dryRun();

    @Message("Entries a large replace removes, to confirm it (optional)")
    String confirmRemovals();

    @Message("Upload")
    String upload();

    @Message("Upload progress")
    String uploadProgress();

    @Message("Uploaded")
    String uploaded();

    @Message("The file is uploaded; checking it. A large file takes a while.")
    String importChecking();

    @Message("Applied as registry version {version}.")
    String importApplied(long version);

    @Message("Dry run: nothing changed. Against version {version} the file would make these changes.")
    String importDryRun(long version);

    @Message("The file was rejected; nothing changed.")
    String importRejected();

    @Message("Not applied: confirm the removals")
    String importConflict();

    @Message("Line")
    String colLine();

    @Message("Problem")
    String colProblem();

    @Message("Choose a .csv or .ndjson file.")
    String importChooseFile();

    @Message("Your account at the identity provider has no console role (reviewer, auditor or registry-admin in"
            + " groups), or a reviewer's account names no organisation (org).")
    String oidcNoConsoleRole();

    @Message("Signed in")
    String signedInTitle();

    @Message("You are signed in through your organisation's identity provider.")
    String signedInText();

    @Message("Continue to the console")
    String signedInContinue();

    @Message("Signed out")
    String signedOutTitle();

    @Message("You have signed out of the console. Your organisation's identity provider may still keep you signed in"
            + " there: on a shared computer, sign out there too or close the browser.")
    String signedOutText();
}
