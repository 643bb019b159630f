package io.flowtrack.metrics.report;

import io.flowtrack.metrics.daily.DailySeries;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The weekly series (flow-definitions.md, "Weekly series"): weeks run Monday to Sunday; arrivals and
 * throughput are the sums of the week's days inside the window, WIP is that of its last day inside it.
 */
final class WeeklySeries {
    private WeeklySeries() {
    }

    static List<Report.Week> compute(DailySeries series) {
        List<Report.Week> weeks = new ArrayList<>();
        int d = 0;
        while (d < series.days()) {
            LocalDate date = LocalDate.ofEpochDay(series.fromDay() + d);
            LocalDate weekStart = date.minusDays(date.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
            int daysLeftInWeek = 7 - (date.getDayOfWeek().getValue() - 1);
            int end = Math.min(series.days(), d + daysLeftInWeek);
            int arrivals = 0;
            int throughput = 0;
            for (int i = d; i < end; i++) {
                arrivals += series.arrivals(i);
                throughput += series.throughput(i);
            }
            int days = end - d;
            weeks.add(new Report.Week(weekStart, days, days < 7, arrivals, throughput, series.wip(end - 1)));
            d = end;
        }
        return weeks;
    }
}
