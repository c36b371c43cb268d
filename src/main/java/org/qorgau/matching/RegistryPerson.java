package org.qorgau.matching;

import java.util.List;

/**
 * One registry entry as the matching engine sees it: only the identifying fields.
 *
 * @param externalId the registry authority's own id
 * @param fullName the name as the authority writes it, in any script
 * @param aliases other names the person is known by (may be empty, never null)
 * @param dateOfBirth {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}
 * @param photoHashes 256-bit PDQ hashes, 64 hexadecimal characters each (may be empty, never null)
 */
public record RegistryPerson(
        String externalId, String fullName, List<String> aliases, String dateOfBirth, List<String> photoHashes) {
    public RegistryPerson {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        photoHashes = photoHashes == null ? List.of() : List.copyOf(photoHashes);
    }
}
