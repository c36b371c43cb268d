package org.qorgau.subjectaccess;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditRecord;
import org.qorgau.audit.AuditRecorder;
import org.qorgau.audit.Checkpoints;
import org.qorgau.audit.PersonalFields;
import org.qorgau.common.CanonicalJson;
import org.qorgau.common.Validation;
import org.qorgau.config.QorgauConfig;
import org.qorgau.error.FieldError;
import org.qorgau.error.ValidationException;
import org.qorgau.screening.SubjectChecks;
import org.qorgau.security.Caller;
import org.qorgau.subjectaccess.api.SubjectAccessAnswer;
import org.qorgau.subjectaccess.api.SubjectAccessDocument;
import org.qorgau.subjectaccess.api.SubjectAccessRequest;

/**
 * Subject access (GDPR Art. 15): every check about a verified person that is still within retention, found the way the
 * engine would find the person (the candidate's fields in the audit log, compared by canonical name key and date of
 * birth), then read from the check records: organisation, date, purpose, verdict and whether a human decided, never
 * staff names. The answer is signed with the audit checkpoint key and the request is audited as SUBJECT_ACCESS, with
 * the person's fields among the redactable personal fields.
 */
@ApplicationScoped
public class SubjectAccessService {

    private final PersonalFields personal;
    private final SubjectChecks checks;
    private final Checkpoints checkpoints;
    private final AuditRecorder recorder;
    private final ObjectMapper json;
    private final String retention;

    public SubjectAccessService(
            PersonalFields personal,
            SubjectChecks checks,
            Checkpoints checkpoints,
            AuditRecorder recorder,
            ObjectMapper json,
            QorgauConfig config) {
        this.personal = personal;
        this.checks = checks;
        this.checkpoints = checkpoints;
        this.recorder = recorder;
        this.json = json;
        this.retention = config.audit().retention().toString();
    }

    public SubjectAccessAnswer answer(SubjectAccessRequest request, Caller caller) {
        validate(request);
        String dateOfBirth = request.dateOfBirth().strip();
        SameName name = SameName.of(request.fullName());
        Map<UUID, String> found = new LinkedHashMap<>();
        for (PersonalFields.Candidate c : personal.checksBornOn(coarser(dateOfBirth))) {
            if (name.matches(c.fullName())) {
                found.put(c.checkId(), c.dateOfBirth());
            }
        }
        List<SubjectAccessDocument.CheckEntry> entries = new ArrayList<>();
        for (SubjectChecks.SubjectCheck c : checks.byIds(found.keySet())) {
            String asChecked = found.get(c.checkId());
            entries.add(new SubjectAccessDocument.CheckEntry(
                    c.checkId().toString(),
                    c.org(),
                    c.createdAt().toString(),
                    c.purpose(),
                    c.verdict(),
                    c.humanDecided(),
                    asChecked.equals(dateOfBirth) ? null : asChecked,
                    c.matches().stream()
                            .map(m -> new SubjectAccessDocument.MatchEntry(
                                    m.externalId(),
                                    m.verdict(),
                                    m.decision(),
                                    m.decidedAt() == null ? null : m.decidedAt().toString()))
                            .toList()));
        }
        String requestId = UUID.randomUUID().toString();
        SubjectAccessDocument document = new SubjectAccessDocument(
                requestId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                new SubjectAccessDocument.Subject(
                        request.fullName().strip(),
                        dateOfBirth,
                        request.identityReference().strip()),
                retention,
                entries);
        String signed = CanonicalJson.encode(json.valueToTree(document));
        Checkpoints.DetachedSignature signature = checkpoints.signDocument(signed.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> personalFields = new LinkedHashMap<>();
        personalFields.put("fullName", request.fullName());
        personalFields.put("dateOfBirth", dateOfBirth);
        personalFields.put("identityReference", request.identityReference());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("requestId", requestId);
        outcome.put("checksFound", entries.size());
        outcome.put("documentHash", CanonicalJson.sha256Hex(signed));
        // committed before the answer leaves, like every check
        AuditRecord audit = recorder.record(new AuditEventDraft(
                AuditEventType.SUBJECT_ACCESS,
                caller,
                null,
                Map.of("resource", "/v1/subject-access-requests"),
                outcome,
                null,
                null,
                personalFields));
        return new SubjectAccessAnswer(
                document,
                signed,
                new SubjectAccessAnswer.Signature(signature.algorithm(), signature.publicKey(), signature.signature()),
                new SubjectAccessAnswer.Audit(audit.sequence(), audit.hash()));
    }

    /**
     * The request's date and the coarser forms a check may have been sent with ({@code 1979-03-14}: also
     * {@code 1979-03} and {@code 1979}); a finer check date than the request's is another, unknown person's.
     */
    static List<String> coarser(String dateOfBirth) {
        List<String> dates = new ArrayList<>();
        dates.add(dateOfBirth);
        if (dateOfBirth.length() >= 7) {
            dates.add(dateOfBirth.substring(0, 7));
        }
        if (dateOfBirth.length() >= 4) {
            dates.add(dateOfBirth.substring(0, 4));
        }
        return dates.stream().distinct().toList();
    }

    private static void validate(SubjectAccessRequest request) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        List<FieldError> errors = new ArrayList<>();
        add(errors, "fullName", Validation.name(request.fullName()));
        add(errors, "dateOfBirth", Validation.partialDate(request.dateOfBirth()));
        if (request.identityReference() == null || request.identityReference().isBlank()) {
            errors.add(FieldError.of("identityReference", "identityReference is required"));
        } else {
            add(errors, "identityReference", Validation.optionalText(request.identityReference(), 300));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("The subject-access request is invalid; nothing was searched.", errors);
        }
    }

    private static void add(List<FieldError> errors, String field, String problem) {
        if (problem != null) {
            errors.add(FieldError.of(field, field + " " + problem));
        }
    }
}
