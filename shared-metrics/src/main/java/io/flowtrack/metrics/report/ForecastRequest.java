package io.flowtrack.metrics.report;

import io.flowtrack.metrics.forecast.MonteCarlo;
import io.flowtrack.metrics.stats.Percentiles;
import java.time.LocalDate;
import java.util.List;

/**
 * What to forecast. At least one of {@code howManyDays} and {@code whenItems} is set.
 *
 * @param howManyDays  "how many items in the next H days", or null
 * @param whenItems    "when will N items be done", or null
 * @param trials       trials per forecast (default 10,000)
 * @param seed         makes the run repeatable; null draws one (the report says which)
 * @param samplingFrom first day whose throughput is a sample; null for the report's {@code from}
 * @param samplingTo   last such day; null for the report's {@code to}
 * @param confidences  the confidence levels in percent (default 50, 70, 85, 95)
 */
public record ForecastRequest(Integer howManyDays, Integer whenItems, int trials, Long seed,
                              LocalDate samplingFrom, LocalDate samplingTo, List<Integer> confidences) {
    public ForecastRequest {
        if (howManyDays == null && whenItems == null) {
            throw new IllegalArgumentException("a forecast needs forecast days, forecast items or both");
        }
        if (howManyDays != null && howManyDays < 1) {
            throw new IllegalArgumentException("forecast days must be at least 1, was " + howManyDays);
        }
        if (whenItems != null && whenItems < 1) {
            throw new IllegalArgumentException("forecast items must be at least 1, was " + whenItems);
        }
        if (trials < 1 || trials > MonteCarlo.MAX_TRIALS) {
            throw new IllegalArgumentException("trials must be from 1 to " + MonteCarlo.MAX_TRIALS + ", was " + trials);
        }
        if (samplingFrom != null && samplingTo != null && samplingFrom.isAfter(samplingTo)) {
            throw new IllegalArgumentException("the sampling window starts (" + samplingFrom + ") after it ends ("
                    + samplingTo + ")");
        }
        confidences = Percentiles.validated(confidences == null ? Percentiles.DEFAULT : confidences,
                "forecast confidences");
    }
}
