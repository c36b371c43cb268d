package org.qorgau.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.qorgau.evaluation.SyntheticPerson.Gender;
import org.qorgau.evaluation.SyntheticPerson.PatronymicStyle;
import org.qorgau.matching.Probe;

/**
 * Labelled probes: variants of registered people (each must be found) and people who are not registered (each must
 * be NO_MATCH). Seeded and reproducible given the registry and the seed.
 *
 * <p>Every "not registered" probe passes {@link RegistryGuard}: no registered person has the same (folded) surname and
 * given name with a related date of birth. Siblings and opposite-gender twins get a given name with a different
 * initial that is at least 3 edits away, so that no typo or initial rule can honestly call them the same person.
 */
public final class ProbeGenerator {

    /** Probe seed used by the harness unless told otherwise. */
    public static final long DEFAULT_SEED = 7_777L;

    static final String CYRILLIC_LOWER = "абвгдежзийклмнопрстуфхцчшщыьэюя";
    static final String LATIN_LOWER = "abcdefghijklmnopqrstuvwxyz";

    /** Cyrillic letters and the Latin letters that look the same. */
    static final Map<Character, Character> HOMOGLYPHS = Map.ofEntries(
            Map.entry('а', 'a'),
            Map.entry('е', 'e'),
            Map.entry('о', 'o'),
            Map.entry('р', 'p'),
            Map.entry('с', 'c'),
            Map.entry('у', 'y'),
            Map.entry('х', 'x'),
            Map.entry('і', 'i'),
            Map.entry('А', 'A'),
            Map.entry('В', 'B'),
            Map.entry('Е', 'E'),
            Map.entry('К', 'K'),
            Map.entry('М', 'M'),
            Map.entry('Н', 'H'),
            Map.entry('О', 'O'),
            Map.entry('Р', 'P'),
            Map.entry('С', 'C'),
            Map.entry('Т', 'T'),
            Map.entry('Х', 'X'));

    /** Zero-width, soft hyphen and bidi marks that copy-paste drags into names. */
    static final char[] INVISIBLES = {'\u200B', '\u200D', '\uFEFF', '\u00AD', '\u200E', '\u200F', '\u200C'};

    /** Kinds of people who are not registered. */
    public static final List<String> NOT_REGISTERED_KINDS = List.of(
            "stranger",
            "stranger_random_photo",
            "namesake_unrelated_dob",
            "namesake_latin_unrelated_dob",
            "sibling_same_surname_same_dob",
            "opposite_gender_twin_same_dob");

    private static final List<String> NAMESAKE_LATIN_SCHEMES =
            List.of("icao_doc_9303", "bgn_pcgn", "kazakh_2021_latin", "informal", "wikipedia");

    private final List<SyntheticPerson> people;
    private final RegistryGuard guard;
    private final long seed;
    private final Map<String, BiFunction<SyntheticPerson, SplittableRandom, Probe>> variants = new LinkedHashMap<>();

    /** @param registry the registered people, also used to build the guard */
    public ProbeGenerator(List<SyntheticPerson> registry, long seed) {
        this(registry, guardOf(registry), seed);
    }

    /**
     * @param sample registered people to derive variants from (may be a sample of a larger registry)
     * @param guard built from the whole registry
     */
    ProbeGenerator(List<SyntheticPerson> sample, RegistryGuard guard, long seed) {
        this.people = List.copyOf(sample);
        this.guard = guard;
        this.seed = seed;
        defineVariants();
    }

    static RegistryGuard guardOf(List<SyntheticPerson> registry) {
        RegistryGuard g = new RegistryGuard();
        registry.forEach(g::add);
        return g;
    }

    /** Variant names for registered people, in table order. */
    public List<String> variantNames() {
        return List.copyOf(variants.keySet());
    }

    /** {@code perVariant} probes per registered variant and {@code perKind} per not-registered kind. */
    public List<LabelledProbe> generate(int perVariant, int perKind) {
        SplittableRandom root = new SplittableRandom(seed);
        List<LabelledProbe> out = new ArrayList<>();
        for (Map.Entry<String, BiFunction<SyntheticPerson, SplittableRandom, Probe>> v : variants.entrySet()) {
            SplittableRandom r = root.split();
            int made = 0;
            for (int attempt = 0; made < perVariant && attempt < perVariant * 200; attempt++) {
                SyntheticPerson p = people.get(r.nextInt(people.size()));
                Probe probe = v.getValue().apply(p, r);
                if (probe != null) {
                    out.add(new LabelledProbe(probe, p.externalId(), v.getKey()));
                    made++;
                }
            }
        }
        for (String kind : NOT_REGISTERED_KINDS) {
            SplittableRandom r = root.split();
            int made = 0;
            for (int attempt = 0; made < perKind && attempt < perKind * 200; attempt++) {
                Probe probe = notRegistered(kind, attempt, r);
                if (probe != null) {
                    out.add(new LabelledProbe(probe, null, kind));
                    made++;
                }
            }
        }
        return out;
    }

    private void defineVariants() {
        variants.put("exact", (p, r) -> probe(p.fullName(), p, r));
        variants.put(
                "kazakh_to_russian_cyrillic",
                (p, r) -> Transliteration.hasKazakhLetters(p.fullName())
                        ? probe(Transliteration.foldKazakh(p.fullName()), p, r)
                        : null);
        for (String scheme : Transliteration.SCHEMES) {
            variants.put("translit_" + scheme, (p, r) -> probe(Transliteration.apply(scheme, p.fullName()), p, r));
        }
        variants.put("upper_case", (p, r) -> probe(p.fullName().toUpperCase(Locale.ROOT), p, r));
        variants.put("order_given_first", (p, r) -> probe(join(p.givenName(), p.patronymic(), p.surname()), p, r));
        variants.put("order_shuffled", (p, r) -> {
            List<String> tokens = new ArrayList<>(List.of(p.fullName().split(" ")));
            List<String> original = List.copyOf(tokens);
            while (tokens.equals(original)) {
                Collections.shuffle(tokens, new java.util.Random(r.nextLong()));
            }
            return probe(String.join(" ", tokens), p, r);
        });
        variants.put(
                "missing_patronymic",
                (p, r) -> p.patronymic() == null ? null : probe(join(p.surname(), p.givenName()), p, r));
        variants.put(
                "initials",
                (p, r) -> p.patronymic() == null
                        ? null
                        : probe(p.surname() + " " + initial(p.givenName()) + " " + initial(p.patronymic()), p, r));
        variants.put("typo_cyrillic", (p, r) -> {
            String typo = typo(p, p.surname(), p.givenName(), p.patronymic(), CYRILLIC_LOWER, r);
            return typo == null ? null : probe(typo, p, r);
        });
        variants.put("typo_latin", (p, r) -> {
            String typo = typo(
                    p,
                    Transliteration.apply("icao_doc_9303", p.surname()),
                    Transliteration.apply("icao_doc_9303", p.givenName()),
                    p.patronymic() == null ? null : Transliteration.apply("icao_doc_9303", p.patronymic()),
                    LATIN_LOWER,
                    r);
            return typo == null ? null : probe(typo, p, r);
        });
        variants.put("homoglyph_zero_width", (p, r) -> probe(homoglyphs(p.fullName(), r), p, r));
        variants.put(
                "alias",
                (p, r) -> p.aliases().isEmpty() ? null : probe(p.aliases().get(0), p, r));
        variants.put("dob_day_month_swap", (p, r) -> {
            String swapped = DateOfBirths.swapDayMonth(p.dateOfBirth());
            return swapped == null ? null : new Probe(p.fullName(), swapped, null);
        });
        variants.put("dob_one_digit_typo", (p, r) -> {
            String typo = DateOfBirths.oneDigitTypo(p.dateOfBirth(), r);
            return typo == null ? null : new Probe(p.fullName(), typo, null);
        });
        variants.put(
                "dob_year_only",
                (p, r) -> new Probe(p.fullName(), p.dateOfBirth().substring(0, 4), null));
        for (int bits : new int[] {0, 8, 16, 24}) {
            variants.put(
                    "photo_" + bits + "_bits_flipped",
                    (p, r) -> p.photoHashes().isEmpty()
                            ? null
                            : new Probe(
                                    p.fullName(),
                                    DateOfBirths.fullFor(p.dateOfBirth(), r),
                                    flip(photoOf(p, r), bits, r)));
        }
        variants.put("photo_le24_mangled_name_correct_dob", (p, r) -> {
            if (p.photoHashes().isEmpty() || !p.hasFullDateOfBirth()) {
                return null;
            }
            return new Probe(mangle(p, r), p.dateOfBirth(), flip(photoOf(p, r), r.nextInt(25), r));
        });
        variants.put(
                "photo_le24_name_unrelated_dob",
                (p, r) -> p.photoHashes().isEmpty()
                        ? null
                        : new Probe(
                                p.fullName(),
                                DateOfBirths.unrelated(p.dateOfBirth(), r),
                                flip(photoOf(p, r), r.nextInt(25), r)));
    }

    private Probe notRegistered(String kind, int attempt, SplittableRandom r) {
        switch (kind) {
            case "stranger":
            case "stranger_random_photo": {
                SyntheticPerson s = KazakhRussianGenerator.person("STRANGER-" + attempt, r);
                String dob = DateOfBirths.fullFor(s.dateOfBirth(), r);
                if (guard.plausiblyRegistered(s.surname(), s.givenName(), dob)) {
                    return null;
                }
                String photo = kind.equals("stranger") ? null : KazakhRussianGenerator.randomPhotoHash(r);
                return new Probe(s.fullName(), dob, photo);
            }
            case "namesake_unrelated_dob":
            case "namesake_latin_unrelated_dob": {
                SyntheticPerson p = people.get(r.nextInt(people.size()));
                String dob = DateOfBirths.unrelated(p.dateOfBirth(), r);
                if (guard.plausiblyRegistered(p.surname(), p.givenName(), dob)) {
                    return null;
                }
                String name = kind.equals("namesake_unrelated_dob")
                        ? p.fullName()
                        : Transliteration.apply(
                                NAMESAKE_LATIN_SCHEMES.get(r.nextInt(NAMESAKE_LATIN_SCHEMES.size())), p.fullName());
                return new Probe(name, dob, null);
            }
            case "sibling_same_surname_same_dob": {
                SyntheticPerson p = people.get(r.nextInt(people.size()));
                if (!p.hasFullDateOfBirth()) {
                    return null;
                }
                String given = distinctGivenName(p.givenName(), p.gender(), p.kazakh(), r);
                if (given == null || guard.plausiblyRegistered(p.surname(), given, p.dateOfBirth())) {
                    return null;
                }
                return new Probe(join(p.surname(), given, p.patronymic()), p.dateOfBirth(), null);
            }
            case "opposite_gender_twin_same_dob": {
                SyntheticPerson p = people.get(r.nextInt(people.size()));
                if (!p.hasFullDateOfBirth()) {
                    return null;
                }
                Gender other = p.gender().other();
                String surname = KazakhRussianGenerator.gendered(p.surname(), other);
                String given = distinctGivenName(p.givenName(), other, p.kazakh(), r);
                if (given == null || guard.plausiblyRegistered(surname, given, p.dateOfBirth())) {
                    return null;
                }
                String patronymic = KazakhRussianGenerator.patronymic(
                        p.fatherName(), other, p.fatherName() == null ? PatronymicStyle.NONE : p.patronymicStyle());
                return new Probe(join(surname, given, patronymic), p.dateOfBirth(), null);
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    /** A given name of {@code gender} whose initial differs and which is at least 3 edits from {@code given}. */
    private static String distinctGivenName(String given, Gender gender, boolean kazakh, SplittableRandom r) {
        for (int i = 0; i < 20; i++) {
            String candidate = KazakhRussianGenerator.givenName(gender, kazakh, r);
            String a = RegistryGuard.fold(candidate);
            String b = RegistryGuard.fold(given);
            if (a.charAt(0) != b.charAt(0)
                    && LevenshteinDistance.getDefaultInstance().apply(a, b) >= 3) {
                return candidate;
            }
        }
        return null;
    }

    private static Probe probe(String name, SyntheticPerson p, SplittableRandom r) {
        return new Probe(name, DateOfBirths.fullFor(p.dateOfBirth(), r), null);
    }

    static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }

    private static String initial(String token) {
        return token.substring(0, 1) + ".";
    }

    /**
     * One edit (insert, delete, substitute, transpose) in one token, never in the first letter and never in the last
     * two letters of a surname or last three of a patronymic, so that -ов does not turn into -ова and -ович into -овна.
     */
    static String typo(
            SyntheticPerson p, String surname, String given, String patronymic, String alphabet, SplittableRandom r) {
        for (int attempt = 0; attempt < 10; attempt++) {
            double which = r.nextDouble();
            int token = which < 0.5 ? 0 : which < 0.85 || patronymic == null ? 1 : 2;
            String t = token == 0 ? surname : token == 1 ? given : patronymic;
            int protectEnd = token == 0 ? 2 : token == 2 ? 3 : 0;
            String edited = oneEdit(t, 1, t.length() - protectEnd, alphabet, r);
            if (edited == null || edited.equals(t)) {
                continue;
            }
            String s = token == 0 ? edited : surname;
            String g = token == 1 ? edited : given;
            String pa = token == 2 ? edited : patronymic;
            return join(s, g, pa);
        }
        return null;
    }

    /** One random edit with positions in [from, to); {@code null} if the range is too short. */
    static String oneEdit(String t, int from, int to, String alphabet, SplittableRandom r) {
        if (to - from < 2) {
            return null;
        }
        int i = from + r.nextInt(to - from);
        char c = t.charAt(i);
        boolean upper = Character.isUpperCase(c);
        char random = alphabet.charAt(r.nextInt(alphabet.length()));
        if (upper) {
            random = Character.toUpperCase(random);
        }
        switch (r.nextInt(4)) {
            case 0: // insert
                return t.substring(0, i) + random + t.substring(i);
            case 1: // delete
                return t.substring(0, i) + t.substring(i + 1);
            case 2: // substitute
                if (Character.toLowerCase(random) == Character.toLowerCase(c)) {
                    return null;
                }
                return t.substring(0, i) + random + t.substring(i + 1);
            default: // transpose with the next letter
                if (i + 1 >= to || t.charAt(i + 1) == c) {
                    return null;
                }
                return t.substring(0, i) + t.charAt(i + 1) + c + t.substring(i + 2);
        }
    }

    /** 1–3 Cyrillic letters swapped for Latin look-alikes, plus 1–2 invisible characters inside words. */
    static String homoglyphs(String name, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(name);
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < sb.length(); i++) {
            if (HOMOGLYPHS.containsKey(sb.charAt(i))) {
                eligible.add(i);
            }
        }
        int swaps = Math.min(eligible.size(), 1 + r.nextInt(3));
        for (int k = 0; k < swaps; k++) {
            int i = eligible.remove(r.nextInt(eligible.size()));
            sb.setCharAt(i, HOMOGLYPHS.get(sb.charAt(i)));
        }
        int invisibles = 1 + r.nextInt(2);
        for (int k = 0; k < invisibles; k++) {
            int pos = 1 + r.nextInt(sb.length() - 1);
            sb.insert(pos, INVISIBLES[r.nextInt(INVISIBLES.length)]);
        }
        return sb.toString();
    }

    /** A different given name, two edits in the surname and no patronymic: the photo must carry the match. */
    private static String mangle(SyntheticPerson p, SplittableRandom r) {
        String given = distinctGivenName(p.givenName(), p.gender(), p.kazakh(), r);
        if (given == null) {
            given = p.givenName().substring(0, 1) + "-";
        }
        String surname = p.surname();
        for (int k = 0; k < 2; k++) {
            String edited = oneEdit(surname, 0, surname.length(), CYRILLIC_LOWER, r);
            if (edited != null) {
                surname = edited;
            }
        }
        return join(given, surname);
    }

    private static String photoOf(SyntheticPerson p, SplittableRandom r) {
        return p.photoHashes().get(r.nextInt(p.photoHashes().size()));
    }

    /** Flips exactly {@code bits} distinct bits of a 64-hex-character hash. */
    static String flip(String hex, int bits, SplittableRandom r) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        java.util.BitSet flipped = new java.util.BitSet(256);
        while (flipped.cardinality() < bits) {
            flipped.set(r.nextInt(256));
        }
        for (int b = flipped.nextSetBit(0); b >= 0; b = flipped.nextSetBit(b + 1)) {
            bytes[b / 8] ^= (byte) (1 << (b % 8));
        }
        StringBuilder sb = new StringBuilder(64);
        for (byte x : bytes) {
            sb.append(String.format(Locale.ROOT, "%02x", x & 0xff));
        }
        return sb.toString();
    }
}
