package io.flowtrack.metrics.report;

import io.flowtrack.metrics.daily.DailySeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The report's daily rows and the throughput and WIP summaries, all read from the window's daily series. */
final class DailyFigures {
    private DailyFigures() {
    }

    static List<Report.Day> days(DailySeries series) {
        List<Report.Day> days = new ArrayList<>(series.days());
        for (int d = 0; d < series.days(); d++) {
            Integer[] bands = new Integer[series.stageCount()];
            for (int s = 0; s < bands.length; s++) {
                bands[s] = series.cfd(d, s);
            }
            days.add(new Report.Day(LocalDate.ofEpochDay(series.fromDay() + d), series.arrivals(d),
                    series.throughput(d), series.wip(d), List.of(bands)));
        }
        return days;
    }

    static Report.Throughput throughput(DailySeries series) {
        int total = 0;
        int max = 0;
        int zero = 0;
        for (int d = 0; d < series.days(); d++) {
            int t = series.throughput(d);
            total += t;
            max = Math.max(max, t);
            if (t == 0) {
                zero++;
            }
        }
        return new Report.Throughput(total, series.days(), (double) total / series.days(), max, zero);
    }

    /** @param current the items in progress at {@code asOf} (the aging chart's items) */
    static Report.Wip wip(DailySeries series, int current) {
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        int arrivals = 0;
        for (int d = 0; d < series.days(); d++) {
            int w = series.wip(d);
            sum += w;
            min = Math.min(min, w);
            max = Math.max(max, w);
            arrivals += series.arrivals(d);
        }
        return new Report.Wip((double) sum / series.days(), min, max, current, arrivals);
    }
}
