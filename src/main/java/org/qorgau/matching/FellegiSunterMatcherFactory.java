package org.qorgau.matching;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link Matcher}s: parses every registry name once (sharing token objects across entries), counts token
 * frequencies, packs dates and photo hashes into arrays and builds the {@link CandidateIndex}.
 *
 * <pre>{@code
 * MatcherFactory factory = FellegiSunterMatcherFactory.withDefaultParameters();
 * Matcher matcher = factory.build(registry);
 * Screening s = matcher.screen(new Probe("Nurlan Abenov", "1984-03-12", null));
 * }</pre>
 */
public final class FellegiSunterMatcherFactory implements MatcherFactory {

    private final MatchingParameters parameters;
    private final FellegiSunterScorer scorer;

    private FellegiSunterMatcherFactory(MatchingParameters parameters) {
        this.parameters = parameters;
        this.scorer = new FellegiSunterScorer(parameters);
    }

    /** A factory using the classpath resource {@code matching/parameters.properties}. */
    public static FellegiSunterMatcherFactory withDefaultParameters() {
        return new FellegiSunterMatcherFactory(MatchingParameters.loadDefault());
    }

    /** A factory using the given parameters. */
    public static FellegiSunterMatcherFactory withParameters(MatchingParameters parameters) {
        return new FellegiSunterMatcherFactory(parameters);
    }

    /**
     * {@code qorgau-fs/1.6+params-<params.id>+rendering-<model id>}: the algorithm, its parameter set and, when the
     * learned rendering level is on, the rendering model ({@link RenderingModel#id()}); any of them changes verdicts.
     */
    public String engineVersion() {
        String version = FellegiSunterMatcher.ALGORITHM + "+params-" + parameters.id();
        if (Boolean.parseBoolean(parameters.getString("name.rendering.enabled"))) {
            version += "+rendering-" + RenderingModel.standard().id();
        }
        return version;
    }

    @Override
    public Matcher build(Collection<RegistryPerson> registry) {
        return buildMatcher(registry);
    }

    @Override
    public Matcher buildDelta(Collection<RegistryPerson> changed, Matcher base) {
        if (!(base instanceof FellegiSunterMatcher fs)) {
            return build(changed);
        }
        // The delta's tokens are the base's token objects where the base has them, so both share token ids and a
        // layered screening compares each registry token with the probe once for both (LayeredMatcher).
        Map<String, NameToken> interner = fs.tokensByText();
        Packed packed = pack(changed, interner);
        return matcher(packed, fs.termFrequencies(), fs);
    }

    @Override
    public java.util.Optional<ChangeFilter> changeFilter(Collection<RegistryPerson> changed) {
        return java.util.Optional.of(ChangeFilter.of(scorer.names(), changed));
    }

    FellegiSunterMatcher buildMatcher(Collection<RegistryPerson> registry) {
        Packed packed = pack(registry);
        return matcher(packed, packed.tf(), null);
    }

    /** The matcher over {@code packed}; {@code idBase}: the full index a delta index shares token ids with, or null. */
    private FellegiSunterMatcher matcher(Packed packed, TermFrequencies termFrequencies, FellegiSunterMatcher idBase) {
        return new FellegiSunterMatcher(
                engineVersion(),
                scorer,
                packed.ids(),
                packed.forms(),
                packed.dobs(),
                packed.photoBits(),
                packed.photoStart(),
                termFrequencies,
                packed.index(),
                idBase);
    }

    /** The registry as the matcher holds it (also used by the tool {@code ParameterEstimator} to compare labelled pairs). */
    record Packed(
            String[] ids,
            ParsedName[][] forms,
            int[] dobs,
            long[] photoBits,
            int[] photoStart,
            TermFrequencies tf,
            CandidateIndex index) {}

    Packed pack(Collection<RegistryPerson> registry) {
        return pack(registry, new HashMap<>());
    }

    /** Packs {@code registry}, sharing token objects through {@code interner} (word to token). */
    private Packed pack(Collection<RegistryPerson> registry, Map<String, NameToken> interner) {
        int n = registry.size();
        Packing packing = new Packing(n, interner);
        for (RegistryPerson person : registry) {
            packing.add(person);
        }
        return packing.packed(parameters);
    }

    /**
     * The arrays of {@link #pack} as they fill, one entry per {@link #add}. The entry's work is a method of its own, so
     * that the compiler compiles it once as a method and reuses it in every build; a build's loop alone, compiled while
     * it runs (on-stack replacement), is undone where the loop ends and compiled anew in the next build, and with the
     * entry's work inlined that took a second of compiling for each registry change.
     */
    private static final class Packing {
        private final Map<String, NameToken> interner;
        private final String[] ids;
        private final ParsedName[][] forms;
        private final int[] dobs;
        private final int[] photoStart;
        private final CandidateIndex.IntList owners = new CandidateIndex.IntList();
        private final TermFrequencies.Counter counter = new TermFrequencies.Counter();
        private final Set<String> entryKeys = new HashSet<>();
        private long[] bits = new long[64];
        private int hashes;
        private int e;

        Packing(int n, Map<String, NameToken> interner) {
            this.interner = interner;
            this.ids = new String[n];
            this.forms = new ParsedName[n][];
            this.dobs = new int[n];
            this.photoStart = new int[n + 1];
        }

        void add(RegistryPerson person) {
            ids[e] = person.externalId();
            ParsedName[] f = new ParsedName[1 + person.aliases().size()];
            f[0] = ParsedName.parse(person.fullName(), interner);
            for (int a = 0; a < person.aliases().size(); a++) {
                f[a + 1] = ParsedName.parse(person.aliases().get(a), interner);
            }
            forms[e] = f;
            entryKeys.clear();
            for (ParsedName form : f) {
                for (NameToken t : form.core()) {
                    if (!t.initial()) {
                        entryKeys.add(t.key());
                    }
                }
            }
            entryKeys.forEach(counter::add);
            dobs[e] = DateOfBirth.parse(person.dateOfBirth());
            photoStart[e] = hashes;
            for (String hex : person.photoHashes()) {
                long[] h = PhotoHash.parse(hex);
                if (h == null) {
                    continue;
                }
                if ((hashes + 1) * 4 > bits.length) {
                    bits = java.util.Arrays.copyOf(bits, bits.length * 2);
                }
                System.arraycopy(h, 0, bits, hashes * 4, 4);
                owners.add(e);
                hashes++;
            }
            e++;
        }

        Packed packed(MatchingParameters parameters) {
            int n = ids.length;
            photoStart[n] = hashes;
            long[] photoBits = java.util.Arrays.copyOf(bits, hashes * 4);
            int[] photoOwner = owners.toArray();
            CandidateIndex index = CandidateIndex.build(forms, dobs, photoBits, photoOwner);
            return new Packed(ids, forms, dobs, photoBits, photoStart, counter.build(n, parameters), index);
        }
    }
}
