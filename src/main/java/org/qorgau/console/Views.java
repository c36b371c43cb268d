package org.qorgau.console;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** What the console's templates show: strings already localised and formatted, nothing to compute in a template. */
final class Views {

    private Views() {}

    /** The frame of every page. */
    @TemplateData
    record Page(
            String lang,
            String title,
            String csrf,
            String subject,
            String org,
            boolean signedIn,
            boolean reviewer,
            boolean auditor,
            boolean registryAdmin,
            String path,
            List<Language> languages) {}

    @TemplateData
    record Language(String code, String name, boolean selected) {}

    @TemplateData
    record QueueRow(String checkId, String checkedAt, String verdict, String purpose, String pending) {}

    @TemplateData
    record Candidate(boolean redacted, String fullName, String dateOfBirth, String photoHash) {}

    @TemplateData
    record MatchPanel(
            String externalId,
            String verdict,
            String probability,
            String entryName,
            String aliases,
            String entryDateOfBirth,
            String region,
            String offence,
            String sourceUrl,
            List<EvidenceRow> evidence,
            String photoDistance,
            List<DecisionRow> decisions,
            String currentReviewId,
            String currentDecision) {}

    @TemplateData
    record EvidenceRow(String field, String level, String weight, String detail) {}

    @TemplateData
    record DecisionRow(String decision, String reason, String reviewer, String when, boolean current, String checkId) {}

    @TemplateData
    record EventRow(
            long sequence,
            String occurredAt,
            String type,
            String actor,
            String org,
            String verdict,
            String checkId,
            String query,
            String outcome,
            String prevHash,
            String hash) {}

    @TemplateData
    record Option(String value, String label, boolean selected) {}

    @TemplateData
    record UsageRow(
            String org,
            long checks,
            String outsideHours,
            long distinct,
            long repeated,
            boolean suspected,
            String signals) {}

    @TemplateData
    record CheckpointRow(long sequence, String hash, String signedAt) {}

    @TemplateData
    record Verification(
            boolean valid,
            long checked,
            String firstSequence,
            String lastSequence,
            String headHash,
            String brokenAt,
            String problem,
            long checkpointsChecked) {}

    @TemplateData
    record VersionRow(
            long version,
            String madeAt,
            String actor,
            String org,
            String kind,
            int added,
            int updated,
            int removed,
            int unchanged,
            int entries,
            String contentHash,
            String reason) {}

    /** An import's outcome: applied, a dry run's preview, or (with counts only) a refused large replace. */
    @TemplateData
    record ImportOutcome(
            boolean applied, boolean dryRun, long version, long added, long updated, long removed, long unchanged) {}

    @TemplateData
    record ImportError(String line, String field, String message) {}
}
