package io.flowtrack.metrics.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Monte Carlo forecasts from daily throughput samples (flow-definitions.md, "Forecasts"). Trials draw
 * samples uniformly with replacement from a seeded generator, so equal inputs and seed give equal
 * answers. The trial loops work on primitive arrays only.
 */
public final class MonteCarlo {
    /** Trials run unless the caller asks otherwise. */
    public static final int DEFAULT_TRIALS = 10_000;
    /** The most trials one forecast may run. */
    public static final int MAX_TRIALS = 1_000_000;
    /** A "when" trial that has not reached its target after this many days stops there. */
    public static final int HORIZON_DAYS = 3_653;

    private MonteCarlo() {
    }

    /**
     * How many items will be finished in the next {@code days} days. At confidence c the answer is the
     * ⌈(1−c) · trials⌉-th smallest trial sum: at least that many, with probability c.
     */
    public static Forecast howMany(int[] samples, int days, int trials, long seed, List<Integer> confidences) {
        checkArguments(days, "days", trials);
        String reason = noForecastReason(samples);
        if (reason != null) {
            return Forecast.unavailable(Forecast.Kind.HOW_MANY, days, trials, seed, reason);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] sums = new int[trials];
        int n = samples.length;
        for (int trial = 0; trial < trials; trial++) {
            int sum = 0;
            for (int d = 0; d < days; d++) {
                sum += samples[random.nextInt(n)];
            }
            sums[trial] = sum;
        }
        Arrays.sort(sums);
        Map<Integer, Integer> answers = new LinkedHashMap<>();
        for (int c : confidences) {
            long rank = Math.max(1, ((long) (100 - c) * trials + 99) / 100);
            answers.put(c, sums[(int) rank - 1]);
        }
        return new Forecast(Forecast.Kind.HOW_MANY, days, trials, seed, answers, buckets(sums, sums.length), 0, null);
    }

    /**
     * When {@code items} items will be finished: each trial counts the days until its drawn samples add
     * up to the target. At confidence c the answer is the ⌈c · trials⌉-th smallest trial, in days.
     */
    public static Forecast when(int[] samples, int items, int trials, long seed, List<Integer> confidences) {
        checkArguments(items, "items", trials);
        String reason = noForecastReason(samples);
        if (reason != null) {
            return Forecast.unavailable(Forecast.Kind.WHEN, items, trials, seed, reason);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] results = new int[trials];
        int n = samples.length;
        int beyond = 0;
        for (int trial = 0; trial < trials; trial++) {
            int sum = 0;
            int days = 0;
            while (sum < items && days < HORIZON_DAYS) {
                sum += samples[random.nextInt(n)];
                days++;
            }
            if (sum < items) {
                results[trial] = Integer.MAX_VALUE;
                beyond++;
            } else {
                results[trial] = days;
            }
        }
        Arrays.sort(results);
        Map<Integer, Integer> answers = new LinkedHashMap<>();
        for (int c : confidences) {
            long rank = Math.max(1, ((long) c * trials + 99) / 100);
            int value = results[(int) rank - 1];
            answers.put(c, value == Integer.MAX_VALUE ? null : value);
        }
        return new Forecast(Forecast.Kind.WHEN, items, trials, seed, answers, buckets(results, trials - beyond),
                beyond, null);
    }

    private static void checkArguments(int target, String what, int trials) {
        if (target < 1) {
            throw new IllegalArgumentException("forecast " + what + " must be at least 1, was " + target);
        }
        if (trials < 1 || trials > MAX_TRIALS) {
            throw new IllegalArgumentException("trials must be from 1 to " + MAX_TRIALS + ", was " + trials);
        }
    }

    private static String noForecastReason(int[] samples) {
        if (samples.length == 0) {
            return "the sampling window has no days";
        }
        for (int s : samples) {
            if (s > 0) {
                return null;
            }
        }
        return "no item finished on any of the " + samples.length
                + " days of the sampling window, so throughput history cannot support a forecast";
    }

    /** Counts of each distinct value among the first {@code count} entries of a sorted array. */
    private static List<Forecast.Bucket> buckets(int[] sorted, int count) {
        List<Forecast.Bucket> buckets = new ArrayList<>();
        int i = 0;
        while (i < count) {
            int j = i;
            while (j < count && sorted[j] == sorted[i]) {
                j++;
            }
            buckets.add(new Forecast.Bucket(sorted[i], j - i));
            i = j;
        }
        return buckets;
    }

}
