package io.flowtrack.metrics.forecast;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one Monte Carlo forecast: either percentiles with the distribution they came from, or
 * a reason why history cannot support a forecast.
 *
 * @param kind          what was asked
 * @param target        days ahead (how many) or items to finish (when)
 * @param trials        how many trials were run
 * @param seed          the seed that makes the run repeatable
 * @param percentiles   confidence (percent) → answer; a null answer means the trials at that
 *                      confidence did not finish within the horizon
 * @param distribution  each trial outcome with how many trials gave it, ascending
 * @param beyondHorizon trials of a "when" forecast that did not reach the target within the horizon
 * @param reason        why there is no forecast; null when there is one
 */
public record Forecast(Kind kind, int target, int trials, long seed, Map<Integer, Integer> percentiles,
                       List<Bucket> distribution, int beyondHorizon, String reason) {

    public Forecast {
        percentiles = percentiles == null ? null : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(percentiles));
        distribution = List.copyOf(distribution);
    }

    public boolean available() {
        return reason == null;
    }

    /** "How many items in the next H days" or "when will N items be done". */
    public enum Kind {
        HOW_MANY, WHEN
    }

    /** @param value a trial's outcome; @param trials how many trials had it */
    public record Bucket(int value, int trials) {
    }

    static Forecast unavailable(Kind kind, int target, int trials, long seed, String reason) {
        return new Forecast(kind, target, trials, seed, Map.of(), List.of(), 0, reason);
    }
}
