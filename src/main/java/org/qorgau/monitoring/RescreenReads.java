package org.qorgau.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The monitored people of a claimed group of re-screens, read in one query instead of one per person. */
@ApplicationScoped
class RescreenReads {

    /** Ids per query: keeps parameter lists well below PostgreSQL's limit. */
    private static final int IDS_PER_QUERY = 5_000;

    /** What a re-screen of one person sends: the candidate as enrolled. */
    record Enrolled(
            String org, String fullName, String dateOfBirth, String photoHash, String position, String consent) {}

    /** The people of {@code ids} that exist, by id, in the caller's transaction (one recording many re-screens). */
    Map<UUID, MonitoredPerson> people(Collection<UUID> ids) {
        Map<UUID, MonitoredPerson> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += IDS_PER_QUERY) {
            MonitoredPerson.<MonitoredPerson>list("id in ?1", all.subList(i, Math.min(all.size(), i + IDS_PER_QUERY)))
                    .forEach(p -> found.put(p.id, p));
        }
        return found;
    }

    /** What re-screens of {@code ids} send, by id; the unenrolled and redacted are absent. */
    @Transactional
    Map<UUID, Enrolled> enrolled(Collection<UUID> ids) {
        Map<UUID, Enrolled> found = new HashMap<>();
        people(ids).values().stream()
                .filter(p -> p.endedAt == null && p.fullName != null)
                .forEach(p -> found.put(
                        p.id,
                        new Enrolled(p.org, p.fullName, p.dateOfBirth, p.photoHash, p.position, p.consentReference)));
        return found;
    }
}
