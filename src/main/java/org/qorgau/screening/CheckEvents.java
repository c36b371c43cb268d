package org.qorgau.screening;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditRecorder;
import org.qorgau.common.Purpose;
import org.qorgau.error.TooBroadException;
import org.qorgau.matching.Screening;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.security.Caller;

/**
 * The audit events of checks: what a check, a read of one and a refusal as too broad record. The candidate's personal
 * fields always go to the redactable side table ({@code personal}); the event commits to them.
 */
@ApplicationScoped
public class CheckEvents {

    private final AuditRecorder recorder;
    private final Disclosures disclosures;

    public CheckEvents(AuditRecorder recorder, Disclosures disclosures) {
        this.recorder = recorder;
        this.disclosures = disclosures;
    }

    /** {@code CHECK_PERFORMED}: what was asked and what was disclosed, provably and in a few bytes per entry. */
    AuditEventDraft performed(StoredCheck check, CheckRequest request, Caller caller) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("position", request.position());
        query.put("consentReference", request.consentReference());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("verdict", check.verdict().name());
        outcome.put("engineVersion", check.engineVersion());
        // the ids (their content at registryVersion is in the registry's history) and whether details were
        // withheld; never the entries themselves
        outcome.put(
                "matches",
                check.answer().matches().stream()
                        .map(m -> Map.of(
                                "externalId",
                                m.externalId(),
                                "verdict",
                                m.verdict().name()))
                        .toList());
        if (check.answer().entriesWithheld() != null) {
            outcome.put("entriesWithheld", check.answer().entriesWithheld());
        }
        return new AuditEventDraft(
                AuditEventType.CHECK_PERFORMED,
                caller,
                check.purpose(),
                query,
                outcome,
                check.registryVersion(),
                check.checkId(),
                personal(request));
    }

    /** {@code CHECK_VIEWED}, or {@code ACCESS_REFUSED} when {@code check} is null (unknown or another's: alike). */
    AuditEventDraft read(UUID checkId, Caller caller, StoredCheck check) {
        Map<String, Object> outcome = check != null ? Map.of("found", true) : Map.of("found", false, "status", 404);
        return new AuditEventDraft(
                check != null ? AuditEventType.CHECK_VIEWED : AuditEventType.ACCESS_REFUSED,
                caller,
                check == null ? null : check.purpose(),
                Map.of("checkId", checkId.toString(), "resource", "/v1/checks/" + checkId),
                outcome,
                check == null ? null : check.registryVersion(),
                check == null ? null : checkId);
    }

    /**
     * Too many entries match for one answer to disclose: the refusal is audited (with the candidate's fields in the
     * redactable side table, so the sweep detector sees it) and answered 422 {@code too-broad}; the quota stays taken.
     * The engine stops looking once it has found more entries than one answer may disclose, so the event records how
     * many it had found ({@code matchedAtLeast}) and the strongest verdict among them, not the full screening's.
     */
    void refuseTooBroad(
            CheckRequest request,
            Purpose purpose,
            Caller caller,
            long registryVersion,
            Screening screening,
            int matched) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("resource", "/v1/checks");
        query.put("reason", CheckService.TOO_BROAD);
        query.put("position", request.position());
        query.put("consentReference", request.consentReference());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("status", 422);
        outcome.put("reason", CheckService.TOO_BROAD);
        outcome.put("verdict", screening.verdict().name());
        outcome.put("matchedAtLeast", matched);
        outcome.put("maxEntries", disclosures.maxEntries());
        recorder.record(new AuditEventDraft(
                AuditEventType.ACCESS_REFUSED,
                caller,
                purpose,
                query,
                outcome,
                registryVersion,
                null,
                personal(request)));
        throw new TooBroadException(
                "This query matches more registry entries than one answer may disclose ("
                        + disclosures.maxEntries() + "); nothing was disclosed. Screen the candidate with their full"
                        + " date of birth (YYYY-MM-DD) and their name as written on their identity document.",
                disclosures.maxEntries());
    }

    private static Map<String, Object> personal(CheckRequest request) {
        var candidate = request.candidate();
        Map<String, Object> personal = new LinkedHashMap<>();
        personal.put("fullName", candidate.fullName());
        personal.put("dateOfBirth", candidate.dateOfBirth());
        personal.put("photoHash", candidate.photoHash());
        return personal;
    }
}
