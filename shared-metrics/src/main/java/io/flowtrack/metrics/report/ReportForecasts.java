package io.flowtrack.metrics.report;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.forecast.Forecast;
import io.flowtrack.metrics.forecast.MonteCarlo;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The Monte Carlo forecasts a request asks for, on the sampling window's daily throughput. */
final class ReportForecasts {
    private ReportForecasts() {
    }

    /**
     * @param workingDays the calendar's counter, for the working-day forecasts beside the calendar-day ones, or null
     */
    static Report.Forecasts compute(ForecastRequest request, SamplingWindow sampling, long asOfDay,
                                    WorkingCalendar.Counter workingDays) {
        int[] samples = sampling.samples();
        long seed = request.seed() != null ? request.seed() : new SplittableRandom().nextLong();
        Forecast howMany = request.howManyDays() == null ? null
                : MonteCarlo.howMany(samples, request.howManyDays(), request.trials(), seed, request.confidences());
        Forecast when = request.whenItems() == null ? null
                : MonteCarlo.when(samples, request.whenItems(), request.trials(), seed, request.confidences());
        Map<Integer, LocalDate> whenDates = null;
        if (when != null && when.available()) {
            whenDates = new LinkedHashMap<>();
            for (Map.Entry<Integer, Integer> e : when.percentiles().entrySet()) {
                whenDates.put(e.getKey(), e.getValue() == null ? null : LocalDate.ofEpochDay(asOfDay + e.getValue()));
            }
        }
        Report.WorkingDayForecasts onWorkingDays = workingDays == null ? null
                : WorkingDayForecast.compute(request, workingDays, samples, sampling.fromDay(), asOfDay, seed);
        return new Report.Forecasts(sampling.from(), sampling.to(), howMany, when, whenDates, onWorkingDays);
    }
}
