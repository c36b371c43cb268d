package org.qorgau.screening.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a check, exactly as stored and audited. */
@Schema(name = "CheckResponse", description = "A check's verdict, the evidence behind it and its audit record.")
public record CheckResponse(
        UUID checkId,
        Instant createdAt,

        @Schema(
                enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"},
                example = "NO_MATCH")
        String verdict,

        @Schema(description = "The registry version the check was screened against", example = "7")
        long registryVersion,

        @Schema(description = "The matching algorithm and its parameter set")
        String engineVersion,

        @Schema(description = "Registry entries worth a reviewer's attention, strongest first; empty for NO_MATCH")
        List<MatchView> matches,

        AuditRef audit,

        @Schema(
                description = "Only for a check sent with a photo (multipart): what became of the photo's hash. The"
                        + " photo itself is not kept.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        PhotoUse photo,

        @Schema(
                description = "Present when the answer withholds every registry detail (no `entry`, no evidence"
                        + " text): `implausible-name` — the name has more tokens than a person's name or repeats one."
                        + " The verdict still stands; screen again with the name as on the identity document to see"
                        + " the details.",
                enumeration = {"implausible-name"})
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String entriesWithheld) {

    /** What became of a photo sent with the check. */
    @Schema(name = "PhotoUse")
    public record PhotoUse(
            @Schema(description = "PDQ quality of the photo, 0-100", example = "100")
            int quality,

            @Schema(description = "False when the quality is below 50: such a hash is not evidence")
            boolean usedAsEvidence,

            @Schema(example = "Photo quality 23 is below 50; the photo was not used as evidence.")
            String detail) {}

    /** The same answer with other match views (the decisions known at the time of a read). */
    public CheckResponse withMatches(List<MatchView> views) {
        return new CheckResponse(
                checkId, createdAt, verdict, registryVersion, engineVersion, views, audit, photo, entriesWithheld);
    }

    /** One registry entry that matched. */
    @Schema(name = "Match")
    public record MatchView(
            String externalId,

            @Schema(
                    description = "NO_MATCH only for an entry cleared by a resolved dispute (see resolvedDispute)",
                    enumeration = {"MATCH", "POSSIBLE_MATCH", "NO_MATCH"})
            String verdict,

            @Schema(description = "Posterior probability of the same person", example = "0.998")
            double probability,

            @Schema(description = "Sum of the log2 weights of the evidence", example = "21.4")
            double matchWeight,

            List<EvidenceView> explanation,
            EntrySummary entry,

            @Schema(
                    description = "Earlier decisions by a reviewer of your organisation about this same candidate"
                            + " (same normalised name and date of birth) and this entry. Shown beside the match,"
                            + " never instead of it.")
            List<PriorReview> priorReviews,

            @Schema(
                    description = "A registry authority's resolution of a dispute that this candidate (same name and"
                            + " date of birth under the engine's normalisation, checked by any organisation) is or is"
                            + " not the person of this entry. When `applied`, the entry is reported NO_MATCH and its"
                            + " registry details are not shown; otherwise it stands beside the match and says why not.")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            ResolvedDispute resolvedDispute) {

        public MatchView {
            priorReviews = priorReviews == null ? List.of() : priorReviews;
        }

        public MatchView(
                String externalId,
                String verdict,
                double probability,
                double matchWeight,
                List<EvidenceView> explanation,
                EntrySummary entry,
                List<PriorReview> priorReviews) {
            this(externalId, verdict, probability, matchWeight, explanation, entry, priorReviews, null);
        }

        public MatchView withPriorReviews(List<PriorReview> reviews) {
            return new MatchView(
                    externalId, verdict, probability, matchWeight, explanation, entry, reviews, resolvedDispute);
        }
    }

    /** A registry authority's resolution of a dispute about this candidate and entry. */
    @Schema(name = "ResolvedDispute")
    public record ResolvedDispute(
            UUID disputeId,

            @Schema(enumeration = {"NOT_SAME_PERSON", "SAME_PERSON"})
            String decision,

            Instant resolvedAt,

            @Schema(
                    example =
                            "Birth certificate and passport: born in Aktobe to other parents; not the convicted person")
            String reason,

            @Schema(
                    description = "True when the resolution decided this entry's verdict (NOT_SAME_PERSON, no new"
                            + " evidence since)")
            boolean applied,

            @Schema(
                    description = "Why a NOT_SAME_PERSON resolution was not applied: new evidence since it was made",
                    enumeration = {"PHOTO_MATCH", "ENTRY_CHANGED"})
            @JsonInclude(JsonInclude.Include.NON_NULL)
            String setAsideBecause) {}

    /** A reviewer's earlier decision about the same candidate and registry entry. */
    @Schema(name = "PriorReview")
    public record PriorReview(
            UUID reviewId,

            @Schema(description = "The check that was reviewed")
            UUID checkId,

            @Schema(enumeration = {"SAME_PERSON", "NOT_SAME_PERSON"})
            String decision,

            @Schema(example = "Different mother's name per HR file; candidate born in Almaty, entry in Shymkent")
            String reason,

            Instant reviewedAt,
            String reviewer,

            @Schema(
                    description = "True when the registry entry was changed or removed since the review: the earlier"
                            + " decision was made on other data and must be looked at again")
            boolean entryChangedSinceReview,

            @Schema(description = "The earlier decision this one superseded, if any")
            UUID supersedes) {}

    /** What one field contributed. */
    @Schema(name = "Evidence")
    public record EvidenceView(
            @Schema(
                    description = "`dispute`: a registry authority's resolution, the evidence that cleared the entry",
                    enumeration = {"name", "dateOfBirth", "photo", "dispute"})
            String field,

            @Schema(
                    description = "The comparison level reached: name EXACT, TRANSLITERATION_EQUAL, TYPO, RENDERING"
                            + " (a foreign name as Russian renders it), PHONETIC, TOKEN_SUBSET, INITIALS, RARE_TOKEN (only a"
                            + " rare given name agrees) or DIFFERENT; dateOfBirth EXACT, SAME_PARTIAL, DAY_MONTH_SWAP,"
                            + " ONE_DIGIT_TYPO, YEAR_PLUS_MINUS_ONE, DIFFERENT or MISSING; photo IDENTICAL, VERY_CLOSE,"
                            + " CLOSE, NEAR_DUPLICATE or NO_EVIDENCE; dispute RESOLVED_NOT_SAME_PERSON",
                    example = "TRANSLITERATION_EQUAL",
                    enumeration = {
                        "EXACT",
                        "TRANSLITERATION_EQUAL",
                        "TYPO",
                        "RENDERING",
                        "PHONETIC",
                        "TOKEN_SUBSET",
                        "INITIALS",
                        "RARE_TOKEN",
                        "DIFFERENT",
                        "SAME_PARTIAL",
                        "DAY_MONTH_SWAP",
                        "ONE_DIGIT_TYPO",
                        "YEAR_PLUS_MINUS_ONE",
                        "MISSING",
                        "IDENTICAL",
                        "VERY_CLOSE",
                        "CLOSE",
                        "NEAR_DUPLICATE",
                        "NO_EVIDENCE",
                        "RESOLVED_NOT_SAME_PERSON"
                    })
            String level,

            @Schema(example = "9.7") double weight,

            @Schema(example = "'Nurlan Seitkali' is a transliteration of 'Сейткали Нұрлан'")
            String detail) {}

    /** Only what a reviewer needs to confirm identity. */
    @Schema(name = "MatchedEntry")
    public record EntrySummary(
            String fullName,
            List<String> aliases,
            String dateOfBirth,
            String region,
            String offence,
            String sourceUrl) {}

    /** Where the check's audit event sits in the hash chain. */
    @Schema(name = "AuditRef")
    public record AuditRef(long sequence, String hash) {}
}
