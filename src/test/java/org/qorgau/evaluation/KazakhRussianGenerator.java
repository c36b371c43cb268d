package org.qorgau.evaluation;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.qorgau.evaluation.SyntheticPerson.Gender;
import org.qorgau.evaluation.SyntheticPerson.PatronymicStyle;

/**
 * Seeded, reproducible generator of a synthetic registry of Kazakh and Russian people written in Cyrillic.
 *
 * <p>Person {@code i} depends only on the seed and {@code i}: the root {@link SplittableRandom} is split once per person
 * in order, so the first 20,000 people of a 1,000,000-person registry are the 20,000-person registry. Streaming
 * ({@link #people(int)}, {@link #writeNdjson}) keeps memory bounded whatever the size.
 *
 * <p>Shape of the data: 60 % Kazakh names (of which 10 % carry a -ұлы/-қызы surname and no separate patronymic, 40 %
 * a -ұлы/-қызы patronymic, 45 % a Russian-style patronymic, 5 % none), 40 % Russian names (95 % with patronymic);
 * surnames and given names drawn with a Zipf law (exponent 1.0 for surnames, 0.9 for given names) so some are common;
 * dates of birth uniform 1950–2005 with 5 % year-only and 3 % year-month; 40 % with one or two PDQ hashes; 15 % with an
 * alias (the Russian spelling of a Kazakh name, a maiden name for women, or an ICAO Latin passport spelling).
 */
public final class KazakhRussianGenerator {

    /** Registry seed used by the harness, the benchmark and {@code scripts/generate-registry} unless told otherwise. */
    public static final long DEFAULT_SEED = 20_261_125L;

    private static final Zipf KAZAKH_SURNAMES = new Zipf(NameLists.KAZAKH_SURNAMES, 1.0);
    private static final Zipf RUSSIAN_SURNAMES = new Zipf(NameLists.RUSSIAN_SURNAMES, 1.0);
    private static final Zipf KAZAKH_MALE = new Zipf(NameLists.KAZAKH_MALE, 0.9);
    private static final Zipf RUSSIAN_MALE = new Zipf(NameLists.RUSSIAN_MALE, 0.9);
    private static final Zipf KAZAKH_FEMALE = new Zipf(NameLists.KAZAKH_FEMALE, 0.9);
    private static final Zipf RUSSIAN_FEMALE = new Zipf(NameLists.RUSSIAN_FEMALE, 0.9);

    private final long seed;
    private final String idPrefix;

    public KazakhRussianGenerator(long seed) {
        this(seed, "GP-");
    }

    /** @param idPrefix prefix of generated external ids, e.g. {@code GP-} for registry people */
    KazakhRussianGenerator(long seed, String idPrefix) {
        this.seed = seed;
        this.idPrefix = idPrefix;
    }

    public long seed() {
        return seed;
    }

    /** The first {@code n} people, generated lazily. */
    public Stream<SyntheticPerson> people(int n) {
        Iterator<SyntheticPerson> it = new Iterator<>() {
            private final SplittableRandom root = new SplittableRandom(seed);
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public SyntheticPerson next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                SyntheticPerson p = person(id(i), root.split());
                i++;
                return p;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliterator(it, n, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /** The first {@code n} people, in memory. */
    public List<SyntheticPerson> registry(int n) {
        List<SyntheticPerson> list = new ArrayList<>(n);
        people(n).forEach(list::add);
        return list;
    }

    String id(int i) {
        return String.format(Locale.ROOT, "%s%07d", idPrefix, i + 1);
    }

    /**
     * Writes the first {@code n} people as NDJSON registry import lines ({@code externalId, fullName, aliases,
     * dateOfBirth, photoHashes, offence, convictionDate, region, sourceUrl}). Does not close {@code out}.
     */
    public void writeNdjson(int n, OutputStream out) {
        try {
            OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            JsonGenerator json = new JsonFactory()
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .createGenerator(buffered, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
            Iterator<SyntheticPerson> it = people(n).iterator();
            while (it.hasNext()) {
                writeEntry(json, it.next());
                json.writeRaw('\n');
            }
            json.flush();
            buffered.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeEntry(JsonGenerator json, SyntheticPerson p) throws IOException {
        json.writeStartObject();
        json.writeStringField("externalId", p.externalId());
        json.writeStringField("fullName", p.fullName());
        json.writeArrayFieldStart("aliases");
        for (String a : p.aliases()) {
            json.writeString(a);
        }
        json.writeEndArray();
        json.writeStringField("dateOfBirth", p.dateOfBirth());
        json.writeArrayFieldStart("photoHashes");
        for (String h : p.photoHashes()) {
            json.writeString(h);
        }
        json.writeEndArray();
        json.writeStringField("offence", p.offence());
        json.writeStringField("convictionDate", p.convictionDate());
        json.writeStringField("region", p.region());
        json.writeStringField("sourceUrl", p.sourceUrl());
        json.writeEndObject();
    }

    /** One person from its own random stream. Also used for strangers (people who are not registered). */
    static SyntheticPerson person(String externalId, SplittableRandom r) {
        Gender gender = r.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        boolean kazakh = r.nextDouble() < 0.60;
        String surname;
        String given;
        String father;
        PatronymicStyle style;
        if (kazakh) {
            given = r.nextDouble() < 0.9 ? givenName(gender, true, r) : givenName(gender, false, r);
            father = KAZAKH_MALE.draw(r);
            double s = r.nextDouble();
            if (s < 0.10) {
                // -ұлы/-қызы surname from the father's name; no separate patronymic, as in modern Kazakh documents.
                surname = father + (gender == Gender.MALE ? "ұлы" : "қызы");
                style = PatronymicStyle.NONE;
            } else {
                surname = gendered(KAZAKH_SURNAMES.draw(r), gender);
                style = s < 0.50 ? PatronymicStyle.KAZAKH : s < 0.95 ? PatronymicStyle.RUSSIAN : PatronymicStyle.NONE;
            }
        } else {
            surname = gendered(RUSSIAN_SURNAMES.draw(r), gender);
            given = givenName(gender, false, r);
            father = RUSSIAN_MALE.draw(r);
            style = r.nextDouble() < 0.95 ? PatronymicStyle.RUSSIAN : PatronymicStyle.NONE;
        }
        String dob = randomDateOfBirth(r);
        List<String> photos = new ArrayList<>(2);
        if (r.nextDouble() < 0.40) {
            photos.add(randomPhotoHash(r));
            if (r.nextDouble() < 0.3) {
                photos.add(randomPhotoHash(r));
            }
        }
        String fatherOrNull = style == PatronymicStyle.NONE ? null : father;
        SyntheticPerson base = new SyntheticPerson(
                externalId, gender, kazakh, surname, given, fatherOrNull, style, dob, List.of(), photos, "", "", "");
        List<String> aliases = new ArrayList<>(1);
        if (r.nextDouble() < 0.15) {
            aliases.add(alias(base, r));
        }
        int birthYear = Integer.parseInt(dob.substring(0, 4));
        int convictionYear =
                Math.max(birthYear + 18, 1995) + r.nextInt(Math.max(1, 2026 - Math.max(birthYear + 18, 1995)));
        String conviction = LocalDate.of(Math.min(convictionYear, 2025), 1, 1)
                .plusDays(r.nextInt(365))
                .toString();
        return new SyntheticPerson(
                externalId,
                gender,
                kazakh,
                surname,
                given,
                fatherOrNull,
                style,
                dob,
                aliases,
                photos,
                NameLists.OFFENCES.get(r.nextInt(NameLists.OFFENCES.size())),
                conviction,
                NameLists.REGIONS.get(r.nextInt(NameLists.REGIONS.size())));
    }

    private static String alias(SyntheticPerson p, SplittableRandom r) {
        String full = p.fullName();
        if (Transliteration.hasKazakhLetters(full) && r.nextDouble() < 0.7) {
            return Transliteration.foldKazakh(full); // the Russian-form spelling in older documents
        }
        if (p.gender() == Gender.FEMALE && r.nextBoolean()) {
            String maiden = gendered(p.kazakh() ? KAZAKH_SURNAMES.draw(r) : RUSSIAN_SURNAMES.draw(r), Gender.FEMALE);
            return full.replaceFirst(java.util.regex.Pattern.quote(p.surname()), maiden);
        }
        return Transliteration.apply("icao_doc_9303", full); // passport spelling
    }

    static String givenName(Gender gender, boolean kazakh, SplittableRandom r) {
        if (gender == Gender.MALE) {
            return (kazakh ? KAZAKH_MALE : RUSSIAN_MALE).draw(r);
        }
        return (kazakh ? KAZAKH_FEMALE : RUSSIAN_FEMALE).draw(r);
    }

    /** Surname in the given gender's form, from a masculine or feminine form. */
    static String gendered(String surname, Gender gender) {
        String masculine = masculineSurname(surname);
        return gender == Gender.MALE ? masculine : feminineSurname(masculine);
    }

    /** Иванов → Иванова, Ильин → Ильина, Ковальский → Ковальская, Толстой → Толстая; Ким, Шевченко unchanged. */
    static String feminineSurname(String masculine) {
        if (masculine.endsWith("ұлы")) {
            return masculine.substring(0, masculine.length() - 3) + "қызы";
        }
        if (masculine.endsWith("ов")
                || masculine.endsWith("ев")
                || masculine.endsWith("ёв")
                || masculine.endsWith("ин")
                || masculine.endsWith("ын")) {
            return masculine + "а";
        }
        if (masculine.endsWith("ский") || masculine.endsWith("цкий")) {
            return masculine.substring(0, masculine.length() - 2) + "ая";
        }
        if (masculine.endsWith("ой") && masculine.length() > 4) {
            return masculine.substring(0, masculine.length() - 2) + "ая";
        }
        return masculine;
    }

    static String masculineSurname(String surname) {
        if (surname.endsWith("қызы")) {
            return surname.substring(0, surname.length() - 4) + "ұлы";
        }
        if (surname.endsWith("ова")
                || surname.endsWith("ева")
                || surname.endsWith("ёва")
                || surname.endsWith("ина")
                || surname.endsWith("ына")) {
            return surname.substring(0, surname.length() - 1);
        }
        if (surname.endsWith("ская") || surname.endsWith("цкая")) {
            return surname.substring(0, surname.length() - 2) + "ий";
        }
        return surname;
    }

    /**
     * Patronymic from the father's given name: Сергей → Сергеевич/Сергеевна, Юрий → Юрьевич/Юрьевна, Игорь →
     * Игоревич, Нұрлан → Нұрланович, or Kazakh Нұрланұлы/Нұрланқызы. {@code null} for style NONE.
     */
    static String patronymic(String father, Gender gender, PatronymicStyle style) {
        if (father == null || style == PatronymicStyle.NONE) {
            return null;
        }
        boolean male = gender == Gender.MALE;
        if (style == PatronymicStyle.KAZAKH) {
            return father + (male ? "ұлы" : "қызы");
        }
        String stem;
        String suffix;
        if (father.equals("Дмитрий")) {
            stem = "Дмитри";
            suffix = "ев";
        } else if (father.endsWith("ий")) {
            stem = father.substring(0, father.length() - 2) + "ь";
            suffix = "ев";
        } else if (father.endsWith("й") || father.endsWith("ь")) {
            stem = father.substring(0, father.length() - 1);
            suffix = "ев";
        } else {
            char last = Character.toLowerCase(father.charAt(father.length() - 1));
            stem = father;
            suffix = "жшчщцаеиоуыіэюяә".indexOf(last) >= 0 ? "ев" : "ов";
        }
        return stem + suffix + (male ? "ич" : "на");
    }

    /** Uniform 1950–2005; 5 % year only, 3 % year-month. */
    static String randomDateOfBirth(SplittableRandom r) {
        int year = 1950 + r.nextInt(56);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(YearMonth.of(year, month).lengthOfMonth());
        double p = r.nextDouble();
        if (p < 0.05) {
            return String.format(Locale.ROOT, "%04d", year);
        }
        if (p < 0.08) {
            return String.format(Locale.ROOT, "%04d-%02d", year, month);
        }
        return LocalDate.of(year, month, day).toString();
    }

    /** A uniformly random 256-bit hash as 64 lower-case hex characters. */
    static String randomPhotoHash(SplittableRandom r) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            String hex = Long.toHexString(r.nextLong());
            sb.append("0".repeat(16 - hex.length())).append(hex);
        }
        return sb.toString();
    }

    /** Draws list items with probability proportional to 1 / rank^exponent. */
    static final class Zipf {
        private final List<String> items;
        private final double[] cumulative;

        Zipf(List<String> items, double exponent) {
            this.items = List.copyOf(items);
            this.cumulative = new double[items.size()];
            double sum = 0;
            for (int i = 0; i < items.size(); i++) {
                sum += 1.0 / Math.pow(i + 1, exponent);
                cumulative[i] = sum;
            }
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] /= sum;
            }
        }

        String draw(SplittableRandom r) {
            double u = r.nextDouble();
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return items.get(lo);
        }

        List<String> items() {
            return items;
        }
    }
}
