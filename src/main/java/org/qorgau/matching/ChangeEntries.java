package org.qorgau.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ChangeFilter}'s entries, as the matcher's candidate stage and quick rejection hold them: the name items
 * (distinct tokens posting keys) by key with their entries sorted by date, each entry's name forms flattened into token
 * ids, the photos. Immutable once built.
 */
final class ChangeEntries {

    /** An item's entries sorted by packed date of birth: {@code dobs[i]} is {@code entries[i]}'s date. */
    record Posting(int[] dobs, int[] entries) {}

    final Map<Long, int[]> keyItems; // key hash -> items posting under it
    final int[] itemTokens; // item -> token id, -1 when the quick rejection does not compare it
    final Posting[] itemPostings;
    final int[] dobs;
    final int[][] forms; // per entry, flattened: [head, m token ids, head, ...] as the matcher's
    final NameToken[] tokens;
    final List<long[]> photos = new ArrayList<>();

    ChangeEntries(Collection<RegistryPerson> entries) {
        Map<String, NameToken> interner = new HashMap<>();
        IdentityHashMap<NameToken, Integer> ids = new IdentityHashMap<>();
        List<NameToken> distinct = new ArrayList<>();
        IdentityHashMap<NameToken, Integer> items = new IdentityHashMap<>();
        List<List<Integer>> itemEntries = new ArrayList<>();
        Map<Long, Set<Integer>> building = new HashMap<>();
        int n = entries.size();
        this.dobs = new int[n];
        this.forms = new int[n][];
        Set<String> keys = new HashSet<>();
        int e = 0;
        for (RegistryPerson entry : entries) {
            dobs[e] = DateOfBirth.parse(entry.dateOfBirth());
            List<String> raw = new ArrayList<>(1 + entry.aliases().size());
            raw.add(entry.fullName());
            raw.addAll(entry.aliases());
            List<Integer> flat = new ArrayList<>();
            for (String name : raw) {
                ParsedName form = ParsedName.parse(name, interner);
                addForm(form.core(), form.patronymics().length > 0, ids, distinct, flat);
                if (form.patronymics().length > 0) {
                    NameToken[] all =
                            java.util.Arrays.copyOf(form.core(), form.core().length + form.patronymics().length);
                    System.arraycopy(form.patronymics(), 0, all, form.core().length, form.patronymics().length);
                    addForm(all, true, ids, distinct, flat);
                }
                // the items the candidate index posts: core tokens, and the patronymics of a name of one core token
                for (NameToken t : form.core()) {
                    keys.clear();
                    CandidateIndex.keys(t, keys);
                    addItem(t, keys, e, items, itemEntries, building);
                }
                if (form.core().length <= 1) {
                    for (NameToken t : form.patronymics()) {
                        keys.clear();
                        CandidateIndex.keys(ParsedName.of(ChangeFilter.NO_TOKENS, new NameToken[] {t}), keys);
                        addItem(t, keys, e, items, itemEntries, building);
                    }
                }
            }
            forms[e] = flat.stream().mapToInt(Integer::intValue).toArray();
            for (String hex : entry.photoHashes()) {
                long[] photo = PhotoHash.parse(hex);
                if (photo != null) {
                    photos.add(photo);
                }
            }
            e++;
        }
        this.itemTokens = new int[items.size()];
        // an item the quick rejection never compares (a token beyond the comparator's MAX_TOKENS) agrees, as there
        items.forEach((token, item) -> itemTokens[item] = ids.getOrDefault(token, -1));
        this.itemPostings = new Posting[itemEntries.size()];
        for (int i = 0; i < itemPostings.length; i++) {
            itemPostings[i] = sortedByDate(itemEntries.get(i), dobs);
        }
        this.keyItems = new HashMap<>(building.size() * 2);
        building.forEach(
                (k, v) -> keyItems.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.tokens = distinct.toArray(new NameToken[0]);
    }

    private static void addForm(
            NameToken[] tokens,
            boolean withPatronymic,
            IdentityHashMap<NameToken, Integer> ids,
            List<NameToken> distinct,
            List<Integer> flat) {
        int m = Math.min(tokens.length, NameComparator.MAX_TOKENS);
        if (m == 0) {
            return;
        }
        flat.add(withPatronymic ? m | ChangeFilter.WITH_PATRONYMIC : m);
        for (int j = 0; j < m; j++) {
            Integer id = ids.get(tokens[j]);
            if (id == null) {
                id = distinct.size();
                distinct.add(tokens[j]);
                ids.put(tokens[j], id);
            }
            flat.add(id);
        }
    }

    private static void addItem(
            NameToken t,
            Set<String> keys,
            int entry,
            IdentityHashMap<NameToken, Integer> items,
            List<List<Integer>> itemEntries,
            Map<Long, Set<Integer>> building) {
        if (t.key().length() < 2 || keys.isEmpty()) {
            return; // posts no key
        }
        Integer item = items.get(t);
        if (item == null) {
            item = itemEntries.size();
            items.put(t, item);
            itemEntries.add(new ArrayList<>());
        }
        List<Integer> list = itemEntries.get(item);
        if (list.isEmpty() || list.get(list.size() - 1) != entry) {
            list.add(entry);
        }
        for (String key : keys) {
            building.computeIfAbsent(ChangeFilter.hash(key), k -> new HashSet<>())
                    .add(item);
        }
    }

    private static Posting sortedByDate(List<Integer> entries, int[] dobs) {
        long[] packed = new long[entries.size()];
        for (int i = 0; i < packed.length; i++) {
            int e = entries.get(i);
            packed[i] = ((long) dobs[e] << 32) | e;
        }
        java.util.Arrays.sort(packed);
        int[] d = new int[packed.length];
        int[] list = new int[packed.length];
        for (int i = 0; i < packed.length; i++) {
            d[i] = (int) (packed[i] >>> 32);
            list[i] = (int) packed[i];
        }
        return new Posting(d, list);
    }
}
