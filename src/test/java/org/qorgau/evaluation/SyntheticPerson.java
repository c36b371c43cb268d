package org.qorgau.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.qorgau.matching.RegistryPerson;

/**
 * A generated person with the name parts kept apart, so that probe variants can re-order, drop or abbreviate them.
 *
 * @param externalId registry id (or a {@code STRANGER-} id for people who are not registered)
 * @param gender the person's gender, which decides surname and patronymic forms
 * @param kazakh whether the name is Kazakh (Kazakh letters, -ұлы/-қызы forms possible)
 * @param surname surname as the registry writes it (already in the gender's form)
 * @param givenName given name
 * @param fatherName father's given name (the patronymic's source), or {@code null} when the person has no patronymic
 * @param patronymicStyle {@code RUSSIAN} (-ович/-овна), {@code KAZAKH} (-ұлы/-қызы) or {@code NONE}
 * @param dateOfBirth {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}
 * @param aliases other names
 * @param photoHashes PDQ hashes, 64 hex characters
 * @param offence offence label (registry import only)
 * @param convictionDate {@code YYYY-MM-DD}
 * @param region region name
 */
record SyntheticPerson(
        String externalId,
        Gender gender,
        boolean kazakh,
        String surname,
        String givenName,
        String fatherName,
        PatronymicStyle patronymicStyle,
        String dateOfBirth,
        List<String> aliases,
        List<String> photoHashes,
        String offence,
        String convictionDate,
        String region) {

    enum Gender {
        MALE,
        FEMALE;

        Gender other() {
            return this == MALE ? FEMALE : MALE;
        }
    }

    enum PatronymicStyle {
        RUSSIAN,
        KAZAKH,
        NONE
    }

    SyntheticPerson {
        aliases = List.copyOf(aliases);
        photoHashes = List.copyOf(photoHashes);
    }

    /** Patronymic in this person's gender, or {@code null}. */
    String patronymic() {
        return KazakhRussianGenerator.patronymic(fatherName, gender, patronymicStyle);
    }

    /** Registry order: surname, given name, patronymic. */
    String fullName() {
        List<String> parts = new ArrayList<>(3);
        parts.add(surname);
        parts.add(givenName);
        String p = patronymic();
        if (p != null) {
            parts.add(p);
        }
        return String.join(" ", parts);
    }

    boolean hasFullDateOfBirth() {
        return dateOfBirth.length() == 10;
    }

    RegistryPerson toRegistryPerson() {
        return new RegistryPerson(externalId, fullName(), aliases, dateOfBirth, photoHashes);
    }

    String sourceUrl() {
        return "https://qamqor.gov.kz/registry/" + externalId;
    }
}
