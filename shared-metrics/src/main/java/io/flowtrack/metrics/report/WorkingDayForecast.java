package io.flowtrack.metrics.report;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.forecast.Forecast;
import io.flowtrack.metrics.forecast.MonteCarlo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecasts on working days (flow-definitions.md, "Working days (optional)"), beside the calendar-day ones:
 * samples are the throughputs of the sampling window's working days; "how many" H days ahead sums one sample
 * per working day among the H days after asOf; "when" draws one sample per working day and answers with the
 * date of the working day its sum reaches N on, as calendar days after asOf.
 */
final class WorkingDayForecast {
    private WorkingDayForecast() {
    }

    /**
     * @param samples      the sampling window's daily throughputs, calendar days
     * @param samplingFrom epoch day of {@code samples[0]}
     */
    static Report.WorkingDayForecasts compute(ForecastRequest request, WorkingCalendar.Counter calendar,
                                              int[] samples, long samplingFrom, long asOfDay, long seed) {
        int[] working = workingSamples(calendar, samples, samplingFrom);
        Forecast howMany = request.howManyDays() == null ? null
                : howMany(working, calendar, request, asOfDay, seed);
        Forecast when = null;
        Map<Integer, LocalDate> whenDates = null;
        if (request.whenItems() != null) {
            Forecast drawn = MonteCarlo.when(working, request.whenItems(), request.trials(), seed,
                    request.confidences());
            when = drawn.available() ? inCalendarDays(drawn, new WorkingDayOffsets(calendar, asOfDay)) : drawn;
            if (when.available()) {
                whenDates = new LinkedHashMap<>();
                for (Map.Entry<Integer, Integer> e : when.percentiles().entrySet()) {
                    whenDates.put(e.getKey(), e.getValue() == null ? null : LocalDate.ofEpochDay(asOfDay + e.getValue()));
                }
            }
        }
        return new Report.WorkingDayForecasts(howMany, when, whenDates);
    }

    private static int[] workingSamples(WorkingCalendar.Counter calendar, int[] samples, long samplingFrom) {
        int n = 0;
        int[] working = new int[samples.length];
        for (int d = 0; d < samples.length; d++) {
            if (calendar.isWorking(samplingFrom + d)) {
                working[n++] = samples[d];
            }
        }
        return java.util.Arrays.copyOf(working, n);
    }

    private static Forecast howMany(int[] working, WorkingCalendar.Counter calendar, ForecastRequest request,
                                    long asOfDay, long seed) {
        int horizon = request.howManyDays();
        int workingDaysAhead = (int) calendar.count(asOfDay + 1, asOfDay + horizon);
        if (workingDaysAhead == 0) {
            // No working day in the horizon: nothing can be delivered, in every trial (unless no forecast at all).
            Forecast probe = MonteCarlo.howMany(working, 1, 1, seed, request.confidences());
            if (!probe.available()) {
                return new Forecast(Forecast.Kind.HOW_MANY, horizon, request.trials(), seed, Map.of(), List.of(), 0,
                        probe.reason());
            }
            Map<Integer, Integer> zeros = new LinkedHashMap<>();
            for (int c : request.confidences()) {
                zeros.put(c, 0);
            }
            return new Forecast(Forecast.Kind.HOW_MANY, horizon, request.trials(), seed, zeros,
                    List.of(new Forecast.Bucket(0, request.trials())), 0, null);
        }
        Forecast f = MonteCarlo.howMany(working, workingDaysAhead, request.trials(), seed, request.confidences());
        return new Forecast(f.kind(), horizon, f.trials(), f.seed(), f.percentiles(), f.distribution(),
                f.beyondHorizon(), f.reason());
    }

    /** A "when" forecast counted in working days, re-expressed as calendar days after asOf. */
    private static Forecast inCalendarDays(Forecast f, WorkingDayOffsets offsets) {
        Map<Integer, Integer> percentiles = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : f.percentiles().entrySet()) {
            percentiles.put(e.getKey(), e.getValue() == null ? null : offsets.of(e.getValue()));
        }
        List<Forecast.Bucket> buckets = new ArrayList<>(f.distribution().size());
        for (Forecast.Bucket b : f.distribution()) {
            buckets.add(new Forecast.Bucket(offsets.of(b.value()), b.trials()));
        }
        return new Forecast(f.kind(), f.target(), f.trials(), f.seed(), percentiles, buckets, f.beyondHorizon(),
                f.reason());
    }

    /** Calendar days after asOf of the k-th working day after it, found once per k. */
    private static final class WorkingDayOffsets {
        private final WorkingCalendar.Counter calendar;
        private final long asOfDay;
        private int[] offsets = new int[64];
        private int known;
        private int lastOffset;

        WorkingDayOffsets(WorkingCalendar.Counter calendar, long asOfDay) {
            this.calendar = calendar;
            this.asOfDay = asOfDay;
        }

        int of(int k) {
            while (known < k) {
                do {
                    lastOffset++;
                } while (!calendar.isWorking(asOfDay + lastOffset));
                if (known == offsets.length) {
                    offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
                }
                offsets[known++] = lastOffset;
            }
            return offsets[k - 1];
        }
    }
}
