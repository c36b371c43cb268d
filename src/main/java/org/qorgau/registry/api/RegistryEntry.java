package org.qorgau.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registry entry as the authority publishes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RegistryEntry", description = "One person in the registry, as the publishing authority writes it.")
public record RegistryEntry(
        @Schema(
                description = "The authority's own id: 1-100 characters of A-Z a-z 0-9 . _ : -",
                example = "KZ-GP-000123",
                required = true)
        String externalId,

        @Schema(
                description = "Full name as the authority writes it, any script, at most 300 characters",
                example = "Сейткали Нұрлан Маратұлы",
                required = true)
        String fullName,

        @Schema(description = "Other names the person is known by", example = "[\"Сейткалиев Нурлан Маратович\"]")
        List<String> aliases,

        @Schema(
                description = "YYYY, YYYY-MM or YYYY-MM-DD; a real date, not in the future",
                example = "1979-03-14",
                required = true)
        String dateOfBirth,

        @Schema(
                description = "256-bit PDQ photo hashes, 64 hexadecimal characters each",
                example = "[\"f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22\"]")
        List<String> photoHashes,

        @Schema(description = "The offence, e.g. the criminal code article", example = "UK RK 122 ч.1", required = true)
        String offence,

        @Schema(description = "YYYY, YYYY-MM or YYYY-MM-DD", example = "2015-06-01")
        String convictionDate,

        @Schema(description = "Region of registration", example = "Almaty")
        String region,

        @Schema(description = "Where the authority publishes this entry", example = "https://qamqor.gov.kz/")
        String sourceUrl) {}
