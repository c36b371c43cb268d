package org.qorgau.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link DateComparator#compatibleRanges} runs once per probe, so it is written with primitive arrays; its ranges must
 * stay exactly those of the plain formulation below (sets of candidate values, a list of ranges, sort, merge) for
 * every full and partial date of 1900–2030.
 */
class CompatibleRangesTest {

    @Test
    void rangesEqualThePlainFormulationForEveryDate() {
        int compared = 0;
        for (int y = 1900; y <= 2030; y++) {
            compared += compare(DateOfBirth.pack(y, 0, 0));
            for (int m = 1; m <= 12; m++) {
                compared += compare(DateOfBirth.pack(y, m, 0));
                for (int d = 1; d <= 31; d++) {
                    compared += compare(DateOfBirth.pack(y, m, d)); // 31 April is no date: skipped
                }
            }
        }
        assertNull(DateComparator.compatibleRanges(DateOfBirth.MISSING));
        // 131 years, each a year alone, 12 months alone and its days
        org.junit.jupiter.api.Assertions.assertEquals(131 * 13 + 47_847, compared);
    }

    private static int compare(int probe) {
        if (probe == DateOfBirth.MISSING) {
            return 0;
        }
        assertArrayEquals(plain(probe), DateComparator.compatibleRanges(probe), DateOfBirth.format(probe));
        return 1;
    }

    /** The reference: the same ranges built with collections. */
    private static int[] plain(int probe) {
        int precision = DateOfBirth.month(probe) == 0 ? 4 : DateOfBirth.day(probe) == 0 ? 6 : 8;
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[] {0, 0});
        for (int q = 4; q <= precision; q += 2) {
            int x = probe / pow10(8 - q);
            int scale = pow10(8 - q);
            Set<Integer> values = new HashSet<>();
            values.add(x);
            for (int i = 0; i < q; i++) {
                int p = pow10(i);
                int digit = x / p % 10;
                for (int d = 0; d <= 9; d++) {
                    values.add(x + (d - digit) * p);
                }
                if (i + 1 < q) {
                    int next = x / (p * 10) % 10;
                    values.add(x + (next - digit) * p + (digit - next) * p * 10);
                }
            }
            values.add(x + pow10(q - 4));
            values.add(x - pow10(q - 4));
            if (q == 8) {
                values.add(DateOfBirth.year(probe) * 10000 + DateOfBirth.day(probe) * 100 + DateOfBirth.month(probe));
            }
            for (int v : values) {
                if (v > 0) {
                    long lo = (long) v * scale;
                    ranges.add(q == precision ? new long[] {lo, lo + scale - 1} : new long[] {lo, lo});
                }
            }
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            if (!merged.isEmpty() && r[0] <= merged.get(merged.size() - 1)[1] + 1) {
                long[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        int[] out = new int[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            out[2 * i] = (int) merged.get(i)[0];
            out[2 * i + 1] = (int) merged.get(i)[1];
        }
        return out;
    }

    private static int pow10(int k) {
        int v = 1;
        for (int i = 0; i < k; i++) {
            v *= 10;
        }
        return v;
    }
}
