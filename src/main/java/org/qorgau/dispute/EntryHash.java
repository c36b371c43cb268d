package org.qorgau.dispute;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.qorgau.common.CanonicalJson;
import org.qorgau.registry.api.RegistryEntry;

/**
 * The fingerprint of a registry entry's content that a resolution is made on: when the entry's content changes, the
 * resolution no longer applies to it.
 */
final class EntryHash {

    private EntryHash() {}

    /** SHA-256 of the entry's canonical JSON: a resolution made on other entry data does not apply. */
    static String of(RegistryEntry entry) {
        // absent and empty mean the same, and list order carries nothing: the stored history and the live table
        // represent one entry alike
        Map<String, Object> fields = new TreeMap<>();
        fields.put("externalId", entry.externalId());
        fields.put("fullName", text(entry.fullName()));
        fields.put("aliases", sorted(entry.aliases()));
        fields.put("dateOfBirth", text(entry.dateOfBirth()));
        fields.put("photoHashes", sorted(entry.photoHashes()));
        fields.put("offence", text(entry.offence()));
        fields.put("convictionDate", text(entry.convictionDate()));
        fields.put("region", text(entry.region()));
        fields.put("sourceUrl", text(entry.sourceUrl()));
        return CanonicalJson.sha256Hex(CanonicalJson.encode(fields));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static List<String> sorted(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).sorted().toList();
    }
}
