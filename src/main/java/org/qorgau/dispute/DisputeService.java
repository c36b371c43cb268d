package org.qorgau.dispute;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.audit.AuditLog;
import org.qorgau.audit.AuditRecord;
import org.qorgau.audit.PersonalFields;
import org.qorgau.common.Purpose;
import org.qorgau.dispute.api.DisputeRequest;
import org.qorgau.dispute.api.DisputeView;
import org.qorgau.dispute.api.ResolutionRequest;
import org.qorgau.dispute.api.RevocationRequest;
import org.qorgau.error.ConflictException;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.registry.RegistryService;
import org.qorgau.screening.SubjectChecks;
import org.qorgau.security.Caller;
import org.qorgau.security.CandidateKeys;
import org.qorgau.security.Roles;

/**
 * Disputes of a match: opened by the organisation that ran the check or by a data-protection officer, resolved (and
 * the resolution revoked) by the registry authority. Every change is audited in the same transaction; a refused look
 * at another organisation's check or dispute is audited too and answered like an unknown id.
 */
@ApplicationScoped
public class DisputeService {

    private final DisputeStore store;
    private final SubjectChecks checks;
    private final PersonalFields personal;
    private final CandidateKeys keys;
    private final AuditLog auditLog;
    private final RegistryService registry;

    public DisputeService(
            DisputeStore store,
            SubjectChecks checks,
            PersonalFields personal,
            CandidateKeys keys,
            AuditLog auditLog,
            RegistryService registry) {
        this.store = store;
        this.checks = checks;
        this.personal = personal;
        this.keys = keys;
        this.auditLog = auditLog;
        this.registry = registry;
    }

    /** Whether the caller sees every organisation's disputes (the authority, officers, auditors) or only its own. */
    static boolean seesAll(Caller caller) {
        return caller.has(Roles.REGISTRY_ADMIN)
                || caller.has(Roles.DATA_PROTECTION_OFFICER)
                || caller.has(Roles.AUDITOR);
    }

    @Transactional(dontRollbackOn = NotFoundException.class)
    public DisputeView open(DisputeRequest request, Caller caller) {
        UUID checkId = DisputeValidation.validate(request);
        boolean officer = caller.has(Roles.DATA_PROTECTION_OFFICER);
        Optional<SubjectChecks.SubjectCheck> found =
                checks.find(checkId).filter(c -> officer || c.org().equals(caller.org()));
        if (found.isEmpty()) {
            refuse(caller, "/v1/disputes", Map.of("checkId", checkId.toString()));
            throw new NotFoundException("No such check.");
        }
        SubjectChecks.SubjectCheck check = found.get();
        boolean matched = check.matches().stream()
                .anyMatch(m -> m.externalId().equals(request.externalId()) && !"NO_MATCH".equals(m.verdict()));
        if (!matched) {
            throw new ValidationException("externalId", "externalId is not one of this check's matches");
        }
        PersonalFields.Candidate candidate = personal.ofChecks(List.of(checkId)).get(checkId);
        if (candidate == null) {
            throw new ValidationException(
                    "checkId",
                    "This check is past retention: whom it was about is no longer known, so it cannot be"
                            + " disputed. Screen the person again and dispute that check.");
        }
        store.forCheckEntry(checkId, request.externalId()).ifPresent(existing -> {
            throw new ConflictException(
                    "This match is already disputed: dispute " + existing.id + " (" + existing.status + ").");
        });
        Dispute dispute = new Dispute();
        dispute.id = UUID.randomUUID();
        dispute.checkId = checkId;
        dispute.externalId = request.externalId();
        dispute.checkOrg = check.org();
        dispute.openedByOrg = caller.org();
        dispute.openedByRole = officer ? Roles.DATA_PROTECTION_OFFICER : role(caller);
        dispute.openedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        dispute.grounds = request.grounds().strip();
        dispute.identityKey = keys.identity(Identity.canonical(candidate.fullName(), candidate.dateOfBirth()));
        dispute.status = Dispute.Status.OPEN;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("checkId", checkId.toString());
        query.put("externalId", request.externalId());
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("disputeId", dispute.id.toString());
        outcome.put("status", dispute.status.name());
        outcome.put("checkOrg", check.org());
        // the grounds speak about the person: redactable, like a check's candidate fields
        AuditRecord audit = append(new AuditEventDraft(
                AuditEventType.DISPUTE_OPENED,
                caller,
                check.purpose() == null ? null : Purpose.valueOf(check.purpose()),
                query,
                outcome,
                null,
                checkId,
                Map.of("grounds", dispute.grounds)));
        dispute.auditSequence = audit.sequence();
        store.persist(dispute);
        return view(dispute, null, audit);
    }

    @Transactional
    public DisputeView resolve(UUID disputeId, ResolutionRequest request, Caller caller) {
        DisputeResolution.Decision decision = DisputeValidation.validate(request);
        Dispute dispute = store.findByIdOptional(disputeId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("No such dispute."));
        if (dispute.status != Dispute.Status.OPEN) {
            throw new ConflictException("This dispute is already resolved; revoke the resolution first.");
        }
        DisputeResolution resolution = new DisputeResolution();
        resolution.id = UUID.randomUUID();
        resolution.disputeId = dispute.id;
        resolution.identityKey = dispute.identityKey;
        resolution.externalId = dispute.externalId;
        resolution.decision = decision;
        resolution.reason = request.reason().strip();
        resolution.entryHash =
                registry.find(dispute.externalId).map(EntryHash::of).orElse(null);
        resolution.resolvedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("disputeId", dispute.id.toString());
        outcome.put("resolutionId", resolution.id.toString());
        outcome.put("decision", decision.name());
        outcome.put("reason", resolution.reason);
        outcome.put("externalId", dispute.externalId);
        outcome.put("entryHash", resolution.entryHash);
        AuditRecord audit = append(new AuditEventDraft(
                AuditEventType.DISPUTE_RESOLVED,
                caller,
                null,
                Map.of("disputeId", dispute.id.toString()),
                outcome,
                null,
                dispute.checkId));
        resolution.auditSequence = audit.sequence();
        store.addResolution(resolution);
        dispute.status = Dispute.Status.RESOLVED;
        return view(dispute, resolution, audit);
    }

    @Transactional
    public DisputeView revoke(UUID disputeId, RevocationRequest request, Caller caller) {
        String reason = DisputeValidation.validate(request);
        Dispute dispute = store.findByIdOptional(disputeId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("No such dispute."));
        DisputeResolution resolution = store.inForce(dispute.id)
                .orElseThrow(() -> new ConflictException("This dispute has no resolution in force to revoke."));
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("disputeId", dispute.id.toString());
        outcome.put("resolutionId", resolution.id.toString());
        outcome.put("revoked", true);
        outcome.put("reason", reason);
        AuditRecord audit = append(new AuditEventDraft(
                AuditEventType.DISPUTE_RESOLVED,
                caller,
                null,
                Map.of("disputeId", dispute.id.toString()),
                outcome,
                null,
                dispute.checkId));
        resolution.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        resolution.revocationReason = reason;
        resolution.revocationAuditSequence = audit.sequence();
        dispute.status = Dispute.Status.OPEN;
        return view(dispute, null, audit);
    }

    /** One dispute, if the caller may see it; another organisation's is refused (audited) like an unknown id. */
    @Transactional
    public Optional<DisputeView> find(UUID disputeId, Caller caller) {
        Optional<Dispute> dispute =
                store.findByIdOptional(disputeId).filter(d -> seesAll(caller) || d.checkOrg.equals(caller.org()));
        if (dispute.isEmpty()) {
            refuse(caller, "/v1/disputes/" + disputeId, Map.of("disputeId", disputeId.toString()));
            return Optional.empty();
        }
        return dispute.map(d -> view(d, store.inForce(d.id).orElse(null), null));
    }

    /** A page of the disputes the caller may see, oldest first. */
    @Transactional
    public DisputeView.Page list(Caller caller, String status, String cursor, int limit) {
        Dispute.Status wanted = null;
        if (status != null) {
            try {
                wanted = Dispute.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("status", "status must be OPEN or RESOLVED");
            }
        }
        Instant afterAt = null;
        UUID afterId = null;
        if (cursor != null) {
            try {
                String[] raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                afterAt = Instant.parse(raw[0]);
                afterId = UUID.fromString(raw[1]);
            } catch (RuntimeException e) {
                throw new ValidationException("cursor", "cursor is not one this service issued");
            }
        }
        List<Dispute> rows = store.page(seesAll(caller) ? null : caller.org(), wanted, afterAt, afterId, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            Dispute last = rows.get(limit - 1);
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.openedAt + "|" + last.id).getBytes(StandardCharsets.UTF_8));
        }
        Map<UUID, DisputeResolution> resolutions =
                store.inForce(rows.stream().map(d -> d.id).toList());
        List<DisputeView> items = new ArrayList<>();
        for (Dispute d : rows) {
            items.add(view(d, resolutions.get(d.id), null));
        }
        return new DisputeView.Page(items, next);
    }

    private AuditRecord append(AuditEventDraft draft) {
        // the event joins the entity changes' transaction: both commit or neither
        return Panache.getEntityManager().unwrap(Session.class).doReturningWork(c -> auditLog.append(c, draft));
    }

    private void refuse(Caller caller, String resource, Map<String, Object> query) {
        Map<String, Object> q = new LinkedHashMap<>(query);
        q.put("resource", resource);
        // committed although the request fails: the methods that refuse do not roll back on NotFoundException
        append(new AuditEventDraft(AuditEventType.ACCESS_REFUSED, caller, null, q, Map.of("status", 404), null, null));
    }

    private static String role(Caller caller) {
        return caller.has(Roles.REVIEWER) ? Roles.REVIEWER : Roles.SCREENER;
    }

    private static DisputeView view(Dispute d, DisputeResolution r, AuditRecord audit) {
        long sequence = audit != null ? audit.sequence() : r != null ? r.auditSequence : d.auditSequence;
        return new DisputeView(
                d.id,
                d.checkId,
                d.externalId,
                d.checkOrg,
                d.openedByRole,
                d.openedAt,
                d.grounds,
                d.status.name(),
                r == null ? null : new DisputeView.ResolutionView(r.id, r.decision.name(), r.reason, r.resolvedAt),
                new DisputeView.AuditRef(sequence, audit == null ? null : audit.hash()));
    }
}
