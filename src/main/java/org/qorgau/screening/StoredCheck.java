package org.qorgau.screening;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qorgau.common.Purpose;
import org.qorgau.matching.Verdict;

/**
 * A check as stored in {@code screening_check}: the row's columns and the stored answer ({@code response}). This is the
 * persisted shape, apart from the API view ({@code CheckResponse}), which {@link CheckViews} makes from it; the
 * answer's JSON keeps the field names it always had, so rows written by any version read back.
 */
record StoredCheck(
        UUID checkId,
        Instant createdAt,
        String org,
        String subject,
        Purpose purpose,
        String position,
        String consentReference,
        String candidateKey,
        Verdict verdict,
        long registryVersion,
        String engineVersion,
        Answer answer,
        String idempotencyKey,
        String requestHash,
        long auditSequence,
        String auditHash) {

    /** This check as written: its audit event landed at {@code sequence} with {@code hash}. */
    StoredCheck writtenAt(long sequence, String hash) {
        return new StoredCheck(
                checkId,
                createdAt,
                org,
                subject,
                purpose,
                position,
                consentReference,
                candidateKey,
                verdict,
                registryVersion,
                engineVersion,
                answer,
                idempotencyKey,
                requestHash,
                sequence,
                hash);
    }

    /** The stored answer: what the screener was told, without its place in the audit chain (the row has that). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(
            UUID checkId,
            Instant createdAt,
            Verdict verdict,
            long registryVersion,
            String engineVersion,
            List<Match> matches,
            @JsonInclude(JsonInclude.Include.NON_NULL) Photo photo,
            @JsonInclude(JsonInclude.Include.NON_NULL) String entriesWithheld,
            /** Only in answers stored before the row had its own audit columns. */
            @JsonInclude(JsonInclude.Include.NON_NULL) AuditPlace audit) {

        Answer {
            matches = matches == null ? List.of() : List.copyOf(matches);
        }
    }

    /** One disclosed match as it was answered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Match(
            String externalId,
            Verdict verdict,
            double probability,
            double matchWeight,
            List<Evidence> explanation,
            Entry entry,
            @JsonInclude(JsonInclude.Include.NON_NULL) Resolution resolvedDispute) {}

    /** A registry authority's resolution of a dispute about this candidate and entry, as it decided the match. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resolution(
            UUID disputeId,
            String decision,
            Instant resolvedAt,
            String reason,
            boolean applied,
            @JsonInclude(JsonInclude.Include.NON_NULL) String setAsideBecause) {}

    /** What one field contributed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Evidence(String field, String level, double weight, String detail) {}

    /** The registry entry's details disclosed with a match. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(
            String fullName,
            List<String> aliases,
            String dateOfBirth,
            String region,
            String offence,
            String sourceUrl) {}

    /** What became of a photo sent with the check. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Photo(int quality, boolean usedAsEvidence, String detail) {}

    /** Where the check's audit event sits in the chain. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuditPlace(long sequence, String hash) {}
}
