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
     * Each requested percentile of long values, in request order; empty map for no values. The array is the caller's
     * to give up: it is sorted in place, not copied.
     */
    public static Map<Integer, Long> ofLongsSortingInPlace(long[] values, List<Integer> ks) {
        Map<Integer, Long> result = new LinkedHashMap<>();
        if (values.length == 0) {
            return result;
        }
        Arrays.sort(values);
        for (int k : ks) {
            result.put(k, values[rank(k, values.length) - 1]);
        }
        return result;
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
