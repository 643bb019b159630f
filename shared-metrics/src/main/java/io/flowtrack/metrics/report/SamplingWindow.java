package io.flowtrack.metrics.report;

import io.flowtrack.metrics.daily.DailySeries;
import io.flowtrack.metrics.timeline.ItemFacts;
import java.time.LocalDate;
import java.util.List;

/**
 * The days whose throughput the forecasts sample: the forecast request's sampling window, or the report's
 * window, with one throughput figure per day.
 *
 * @param samples items finished on each day from {@code fromDay} on
 */
record SamplingWindow(long fromDay, long toDay, int[] samples) {

    /** @throws IllegalArgumentException when the sampling window is longer than {@link ReportRequest#MAX_WINDOW_DAYS} */
    static SamplingWindow of(ForecastRequest request, ReportWindow window, DailySeries series,
                             List<ItemFacts> reported) {
        long from = request.samplingFrom() != null ? request.samplingFrom().toEpochDay() : window.fromDay();
        long to = request.samplingTo() != null ? request.samplingTo().toEpochDay() : window.toDay();
        if (to - from + 1 > ReportRequest.MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the sampling window is longer than " + ReportRequest.MAX_WINDOW_DAYS
                    + " days");
        }
        if (from == window.fromDay() && to == window.toDay()) {
            return new SamplingWindow(from, to, series.throughputSeries());
        }
        int[] samples = new int[(int) (to - from + 1)];
        for (ItemFacts f : reported) {
            if (f.isFinished() && f.finishedDay() >= from && f.finishedDay() <= to) {
                samples[(int) (f.finishedDay() - from)]++;
            }
        }
        return new SamplingWindow(from, to, samples);
    }

    LocalDate from() {
        return LocalDate.ofEpochDay(fromDay);
    }

    LocalDate to() {
        return LocalDate.ofEpochDay(toDay);
    }
}
