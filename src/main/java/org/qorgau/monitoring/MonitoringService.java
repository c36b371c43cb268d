package org.qorgau.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qorgau.audit.AuditCommitter;
import org.qorgau.audit.AuditEventDraft;
import org.qorgau.audit.AuditEventType;
import org.qorgau.common.Validation;
import org.qorgau.error.FieldError;
import org.qorgau.error.NotFoundException;
import org.qorgau.error.ValidationException;
import org.qorgau.monitoring.api.AlertView;
import org.qorgau.monitoring.api.EnrolmentRequest;
import org.qorgau.monitoring.api.MonitoredPersonView;
import org.qorgau.screening.CheckService;
import org.qorgau.screening.api.CheckRequest;
import org.qorgau.screening.api.CheckResponse;
import org.qorgau.security.Caller;
import org.qorgau.webhook.WebhookService;

/**
 * Continuous monitoring: enrolment (a first check), the monitored people and their alerts. Re-screens are run by
 * {@link Rescreener}, which records each through {@link #recordRescreen}.
 */
@ApplicationScoped
public class MonitoringService {

    public static final String NO_NEW_INFORMATION = "NO_NEW_INFORMATION";
    public static final String NEW_INFORMATION = "NEW_INFORMATION";

    /** The webhook event of each NEW_INFORMATION. */
    public static final String EVENT_NEW_INFORMATION = "monitoring.new_information";

    private final CheckService checks;
    private final MonitoringStore store;
    private final WebhookService webhooks;

    private final AuditCommitter committer;
    private final AffectedPeople affected;
    private final RescreenReads reads;

    public MonitoringService(
            CheckService checks,
            MonitoringStore store,
            WebhookService webhooks,
            AuditCommitter committer,
            AffectedPeople affected,
            RescreenReads reads) {
        this.affected = affected;
        this.reads = reads;
        this.checks = checks;
        this.store = store;
        this.webhooks = webhooks;
        this.committer = committer;
    }

    /** A page of people: the items and the (enrolledAt, id) of the last one when more follow. */
    public record PersonPage(List<MonitoredPersonView> items, Instant nextAt, UUID nextId) {}

    /** A page of alerts: the items and the (createdAt, id) of the last one when more follow. */
    public record AlertPage(List<AlertView> items, Instant nextAt, UUID nextId) {}

    /**
     * Enrols a person: runs the first check as an ordinary audited check (its purpose the request's), then stores the
     * person with that check's matches as the baseline later re-screens are compared with, with its audit event. The
     * check commits first; an enrolment that then fails leaves the check, like any other.
     */
    public MonitoredPersonView enrol(EnrolmentRequest request, Caller caller) {
        if (request == null) {
            throw new ValidationException(null, "A JSON body is required.");
        }
        String problem = Validation.optionalText(request.reference(), 200);
        if (problem != null) {
            throw new ValidationException(
                    "The enrolment is invalid; nothing was screened.",
                    List.of(FieldError.of("reference", "reference " + problem)));
        }
        CheckResponse check = checks.perform(
                        new CheckRequest(
                                request.candidate(), request.purpose(), request.position(), request.consentReference()),
                        null,
                        caller)
                .response();
        MonitoringStore.Enrolment enrolment =
                store.enrolment(request, check, caller, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            committer.commit(enrolment.write()); // shares commits with concurrent enrolments and checks
        } catch (SQLException e) {
            throw new IllegalStateException("enrolment could not be stored", e);
        }
        MonitoredPerson person = enrolment.person();
        affected.prepare(person.id, person.fullName, person.dateOfBirth, person.photoHash); // not in the next round
        return view(enrolment.person());
    }

    public Optional<MonitoredPersonView> find(UUID id, Caller caller) {
        return store.person(id, caller.org()).map(MonitoringService::view);
    }

    public PersonPage list(Caller caller, String status, String reference, Instant afterAt, UUID afterId, int limit) {
        List<MonitoredPerson> found = store.people(caller.org(), status, reference, false, afterAt, afterId, limit + 1);
        boolean more = found.size() > limit;
        List<MonitoredPerson> page = more ? found.subList(0, limit) : found;
        MonitoredPerson last = more ? page.get(page.size() - 1) : null;
        return new PersonPage(
                page.stream().map(MonitoringService::view).toList(),
                last == null ? null : last.enrolledAt,
                last == null ? null : last.id);
    }

    /** Ends monitoring (employment ended): re-screening stops; personal fields are redacted after the retention. */
    @Transactional
    public MonitoredPersonView unenrol(UUID id, String reason, Caller caller) {
        String problem = Validation.optionalText(reason, 300);
        if (problem != null) {
            throw new ValidationException("reason", "reason " + problem);
        }
        MonitoredPerson person = store.person(id, caller.org())
                .filter(p -> p.endedAt == null)
                .orElseThrow(() -> new NotFoundException("No such monitored person."));
        person.endedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        person.endReason = reason;
        person.dueVersion = null;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("monitoredPersonId", id.toString());
        query.put("reason", reason);
        store.audit(new AuditEventDraft(
                AuditEventType.MONITORING_ENROLMENT_CHANGED,
                caller,
                null,
                query,
                Map.of("change", "ended"),
                person.registryVersion,
                null));
        return view(person);
    }

    public AlertPage alerts(Caller caller, Boolean acknowledged, Instant afterAt, UUID afterId, int limit) {
        List<MonitoringAlert> found = store.alerts(caller.org(), acknowledged, afterAt, afterId, limit + 1);
        boolean more = found.size() > limit;
        List<MonitoringAlert> page = more ? found.subList(0, limit) : found;
        MonitoringAlert last = more ? page.get(page.size() - 1) : null;
        return new AlertPage(
                page.stream().map(this::view).toList(),
                last == null ? null : last.createdAt,
                last == null ? null : last.id);
    }

    /**
     * Acknowledges an alert (again: unchanged). When the person has no other open alert, their status returns to
     * NO_NEW_INFORMATION.
     */
    @Transactional
    public AlertView acknowledge(UUID alertId, Caller caller) {
        MonitoringAlert alert =
                store.alert(alertId, caller.org()).orElseThrow(() -> new NotFoundException("No such alert."));
        if (alert.acknowledgedAt == null) {
            alert.acknowledgedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            alert.acknowledgedBy = caller.subject();
            MonitoredPerson person = store.person(alert.monitoredPersonId).orElseThrow();
            store.persist(alert);
            if (store.openAlerts(person.id) == 0 && NEW_INFORMATION.equals(person.status)) {
                person.status = NO_NEW_INFORMATION;
                person.statusCheckId = null;
            }
            store.audit(new AuditEventDraft(
                    AuditEventType.MONITORING_ALERT_ACKNOWLEDGED,
                    caller,
                    null,
                    Map.of("alertId", alertId.toString(), "monitoredPersonId", person.id.toString()),
                    Map.of("checkId", alert.checkId.toString()),
                    alert.registryVersion,
                    alert.checkId));
        }
        return view(alert);
    }

    /**
     * Records a re-screen of {@code personId} claimed for {@code dueVersion}: the new baseline, and — when the check
     * says something the last one did not — NEW_INFORMATION, an alert and a {@code monitoring.new_information} webhook
     * event, all in one transaction (the event is in the outbox exactly when the alert exists).
     *
     * @return the alert created, if any
     */
    @Transactional
    public Optional<UUID> recordRescreen(UUID personId, long dueVersion, CheckResponse check) {
        List<WebhookService.Event> events = new ArrayList<>(1);
        Optional<UUID> alert = store.person(personId).flatMap(person -> record(person, dueVersion, check, events));
        webhooks.publishAll(events);
        return alert;
    }

    /** A re-screen to record: the person, the due version it was claimed for and the check that answered it. */
    public record Rescreened(UUID personId, long dueVersion, CheckResponse check) {}

    /**
     * Records many re-screens as {@link #recordRescreen} records one, in one transaction (one commit for a claimed
     * batch instead of one per person). All or nothing: when one person changed under the batch (optimistic lock),
     * nothing is recorded and the caller records them one by one.
     *
     * @return the number of alerts created
     */
    @Transactional
    public int recordRescreens(List<Rescreened> rescreens) {
        // the group's updates (and inserts, where consecutive) go to the database in batches, not one round trip each
        store.batchWrites(rescreens.size());
        Map<UUID, MonitoredPerson> people =
                reads.people(rescreens.stream().map(Rescreened::personId).toList());
        List<WebhookService.Event> events = new ArrayList<>();
        int alerts = 0;
        for (Rescreened rescreen : rescreens) {
            MonitoredPerson person = people.get(rescreen.personId());
            if (person != null
                    && record(person, rescreen.dueVersion(), rescreen.check(), events)
                            .isPresent()) {
                alerts++;
            }
        }
        webhooks.publishAll(events); // each organisation's endpoints read once for the group
        return alerts;
    }

    /** Records one re-screen; its webhook event, if any, is added to {@code events} for the caller to publish. */
    private Optional<UUID> record(
            MonitoredPerson person, long dueVersion, CheckResponse check, List<WebhookService.Event> events) {
        person.claimedUntil = null;
        if (person.dueVersion != null && person.dueVersion <= dueVersion) {
            person.dueVersion = null;
        }
        if (person.endedAt != null || check.registryVersion() < person.registryVersion) {
            return Optional.empty(); // unenrolled meanwhile, or a newer check is already the baseline
        }
        Baseline before = Baseline.parse(person.baseline);
        Baseline after = Baseline.of(check.matches());
        Optional<Baseline.Reason> reason = before.newInformationIn(after);
        person.baseline = after.format();
        person.lastCheckId = check.checkId();
        person.lastVerdict = check.verdict();
        person.registryVersion = check.registryVersion();
        person.engineVersion = check.engineVersion();
        person.screenedVersion = Math.max(person.screenedVersion, check.registryVersion());
        if (reason.isEmpty() || check.checkId().equals(person.statusCheckId)) {
            return Optional.empty();
        }
        person.status = NEW_INFORMATION;
        person.statusCheckId = check.checkId();
        MonitoringAlert alert =
                MonitoringAlert.of(person, check, reason.get(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.persist(alert);
        // no registry data in the event: the check it links to is read with the organisation's own token
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("monitoredPersonId", person.id.toString());
        data.put("reference", person.reference);
        data.put("checkId", check.checkId().toString());
        data.put("verdict", check.verdict());
        data.put("registryVersion", check.registryVersion());
        events.add(new WebhookService.Event(person.org, EVENT_NEW_INFORMATION, alert.createdAt, data));
        return Optional.of(alert.id);
    }

    private AlertView view(MonitoringAlert alert) {
        String reference =
                store.person(alert.monitoredPersonId).map(p -> p.reference).orElse(null);
        return new AlertView(
                alert.id,
                alert.monitoredPersonId,
                reference,
                alert.checkId,
                alert.verdict,
                alert.reason,
                alert.registryVersion,
                alert.createdAt,
                alert.acknowledgedAt,
                alert.acknowledgedBy);
    }

    static MonitoredPersonView view(MonitoredPerson person) {
        return new MonitoredPersonView(
                person.id,
                person.status,
                person.statusCheckId,
                person.lastCheckId,
                person.lastVerdict,
                person.registryVersion,
                person.engineVersion,
                person.enrolledAt,
                person.reference,
                person.endedAt);
    }
}
