package io.flowtrack.metrics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest-rank percentiles: P<sub>k</sub> is the ⌈k/100 · n⌉-th smallest value. "k% of items took
 * P<sub>k</sub> or less." Computed in integer arithmetic, so no floating-point rounding moves a rank.
 */
public final class Percentiles {
    private Percentiles() {
    }

    /** The default percentiles of cycle time and of the aging chart's pace zones. */
    public static final List<Integer> DEFAULT = List.of(50, 70, 85, 95);

    /** The 1-based rank of P<sub>k</sub> among n values: ⌈k · n / 100⌉, at least 1. */
    public static int rank(int k, int n) {
        long rank = ((long) k * n + 99) / 100;
        return (int) Math.max(1, rank);
    }

    /** P<sub>k</sub> of values already sorted ascending; the array must not be empty. */
    public static int ofSorted(int[] sorted, int k) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        return sorted[rank(k, sorted.length) - 1];
    }

    /** Each requested percentile of the values (not changed), in request order; empty map for no values. */
    public static Map<Integer, Integer> of(int[] values, List<Integer> ks) {
        Map<Integer, Integer> result = new LinkedHashMap<>();
        if (values.length == 0) {
            return result;
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int k : ks) {
            result.put(k, ofSorted(sorted, k));
        }
        return result;
    }

    /**
     * Each requested percentile of the first {@code n} long values, in request order; empty map for none. The
     * array is the caller's scratch: its first {@code n} values are reordered in place (not copied). The ranks
     * are found by selection, not by a full sort: a few ranks of a million values cost a few passes, not
     * n log n. The values found are exactly those a sort would give.
     */
    public static Map<Integer, Long> ofLongsSelecting(long[] values, int n, List<Integer> ks) {
        Map<Integer, Long> result = new LinkedHashMap<>();
        if (n == 0) {
            return result;
        }
        int[] ranks = new int[ks.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = rank(ks.get(i), n) - 1;
        }
        int[] ascending = ranks.clone();
        Arrays.sort(ascending);
        // After selecting index r, every value right of r is >= values[r]: the next larger rank is searched
        // for right of r only.
        int lo = 0;
        for (int r : ascending) {
            if (r >= lo) {
                select(values, lo, n - 1, r);
                lo = r + 1;
            }
        }
        for (int i = 0; i < ranks.length; i++) {
            result.put(ks.get(i), values[ranks[i]]);
        }
        return result;
    }

    /**
     * Reorders {@code a[lo..hi]} so that {@code a[k]} holds the value a sort would put there, smaller or equal
     * values left of it, larger or equal right of it (Hoare's selection, median-of-three pivots; a range that
     * keeps shrinking slowly is sorted instead, so the worst case stays n log n).
     */
    private static void select(long[] a, int lo, int hi, int k) {
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo + 1)) + 8;
        while (hi - lo > 16) {
            if (budget-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            long x = a[lo];
            long y = a[mid];
            long z = a[hi];
            long pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            // Now a[lo..j] <= pivot, a[i..hi] >= pivot and anything between equals the pivot.
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
        Arrays.sort(a, lo, hi + 1);
    }

    /** Checks a list of percentiles: each a whole number from 1 to 100, none twice. */
    public static List<Integer> validated(List<Integer> ks, String what) {
        if (ks.isEmpty()) {
            throw new IllegalArgumentException(what + ": at least one percentile is required");
        }
        List<Integer> seen = new ArrayList<>();
        for (Integer k : ks) {
            if (k == null || k < 1 || k > 100) {
                throw new IllegalArgumentException(what + ": " + k + " is not a percentile from 1 to 100");
            }
            if (seen.contains(k)) {
                throw new IllegalArgumentException(what + ": " + k + " is listed twice");
            }
            seen.add(k);
        }
        return List.copyOf(seen);
    }
}
