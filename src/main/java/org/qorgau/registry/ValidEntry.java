package org.qorgau.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.qorgau.common.CanonicalJson;
import org.qorgau.common.Validation;
import org.qorgau.error.FieldError;
import org.qorgau.registry.api.RegistryEntry;

/**
 * A registry entry that passed validation, with photo hashes in lower case and its content hash (SHA-256 of the
 * canonical JSON of its fields) computed.
 */
public record ValidEntry(RegistryEntry entry, String contentHash) {

    public static final int MAX_ALIASES = 50;
    public static final int MAX_PHOTOS = 50;

    /**
     * Validates an entry.
     *
     * @param entry the parsed entry
     * @param line the import line, or null outside imports
     * @param errors receives one error per broken rule
     * @return the valid entry, or null when {@code errors} got something
     */
    public static ValidEntry validate(RegistryEntry entry, Long line, List<FieldError> errors) {
        int before = errors.size();
        check(errors, line, "externalId", Validation.externalId(entry.externalId()));
        check(errors, line, "fullName", Validation.name(entry.fullName()));
        List<String> aliases = entry.aliases() == null ? List.of() : entry.aliases();
        if (aliases.size() > MAX_ALIASES) {
            check(errors, line, "aliases", "must have at most " + MAX_ALIASES + " items");
        } else {
            for (int i = 0; i < aliases.size(); i++) {
                check(errors, line, "aliases[" + i + "]", Validation.name(aliases.get(i)));
            }
        }
        check(errors, line, "dateOfBirth", Validation.partialDate(entry.dateOfBirth()));
        List<String> photos = entry.photoHashes() == null ? List.of() : entry.photoHashes();
        List<String> lowerPhotos = new ArrayList<>();
        if (photos.size() > MAX_PHOTOS) {
            check(errors, line, "photoHashes", "must have at most " + MAX_PHOTOS + " items");
        } else {
            for (int i = 0; i < photos.size(); i++) {
                String problem = Validation.photoHash(photos.get(i));
                check(errors, line, "photoHashes[" + i + "]", problem);
                if (problem == null) {
                    lowerPhotos.add(photos.get(i).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (entry.offence() == null || entry.offence().isBlank()) {
            check(errors, line, "offence", "is required");
        } else {
            check(errors, line, "offence", Validation.optionalText(entry.offence(), 500));
        }
        if (entry.convictionDate() != null) {
            check(errors, line, "convictionDate", Validation.partialDate(entry.convictionDate()));
        }
        check(errors, line, "region", Validation.optionalText(entry.region(), 200));
        check(errors, line, "sourceUrl", Validation.url(entry.sourceUrl()));
        if (errors.size() > before) {
            return null;
        }
        RegistryEntry clean = new RegistryEntry(
                entry.externalId(),
                entry.fullName().strip(),
                aliases.stream().map(String::strip).toList(),
                entry.dateOfBirth(),
                List.copyOf(lowerPhotos),
                entry.offence().strip(),
                entry.convictionDate(),
                blankToNull(entry.region()),
                blankToNull(entry.sourceUrl()));
        return new ValidEntry(clean, CanonicalJson.sha256Hex(CanonicalJson.encode(fields(clean))));
    }

    static Map<String, Object> fields(RegistryEntry e) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("externalId", e.externalId());
        map.put("fullName", e.fullName());
        map.put("aliases", e.aliases());
        map.put("dateOfBirth", e.dateOfBirth());
        map.put("photoHashes", e.photoHashes());
        map.put("offence", e.offence());
        map.put("convictionDate", e.convictionDate());
        map.put("region", e.region());
        map.put("sourceUrl", e.sourceUrl());
        return map;
    }

    private static void check(List<FieldError> errors, Long line, String field, String problem) {
        if (problem != null) {
            errors.add(new FieldError(line, field, field + " " + problem));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
