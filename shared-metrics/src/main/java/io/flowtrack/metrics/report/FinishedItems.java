package io.flowtrack.metrics.report;

import io.flowtrack.metrics.aging.Aging;
import io.flowtrack.metrics.aging.AgingItem;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.stats.Percentiles;
import io.flowtrack.metrics.stats.WideSum;
import io.flowtrack.metrics.timeline.ItemFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items finished in the report's window and the summaries made of them alone: cycle time, aggregate flow
 * efficiency, the count per type and SLE attainment.
 */
final class FinishedItems {
    private final List<ItemFacts> items;

    private FinishedItems(List<ItemFacts> items) {
        this.items = items;
    }

    /** The reported items that finished on a day of the window, in the order given. */
    static FinishedItems in(List<ItemFacts> reported, ReportWindow window) {
        List<ItemFacts> finished = new ArrayList<>();
        for (ItemFacts f : reported) {
            if (f.isFinished() && window.contains(f.finishedDay())) {
                finished.add(f);
            }
        }
        return new FinishedItems(finished);
    }

    List<ItemFacts> list() {
        return items;
    }

    /** Count, percentiles, min, max and mean in calendar days; working-day percentiles when a calendar is given. */
    Report.CycleTime cycleTime(List<Integer> percentiles, WorkingCalendar.Counter workingDays) {
        int[] values = new int[items.size()];
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < values.length; i++) {
            values[i] = items.get(i).cycleTimeDays();
            sum += values[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        Map<Integer, Integer> workingDayPercentiles = null;
        if (workingDays != null) {
            int[] working = new int[values.length];
            for (int i = 0; i < working.length; i++) {
                working[i] = workingDays.days(items.get(i).startedDay(), items.get(i).finishedDay());
            }
            workingDayPercentiles = Percentiles.of(working, percentiles);
        }
        if (values.length == 0) {
            return new Report.CycleTime(0, Map.of(), null, null, null, workingDayPercentiles);
        }
        return new Report.CycleTime(values.length, Percentiles.of(values, percentiles), min, max,
                (double) sum / values.length, workingDayPercentiles);
    }

    /** Summed active time over summed flow time of the items with a non-zero flow time, or null for none. */
    Double flowEfficiency() {
        WideSum active = new WideSum();
        WideSum total = new WideSum();
        for (ItemFacts f : items) {
            if (f.flowNanos() > 0) {
                active.add(f.activeNanos());
                total.add(f.flowNanos());
            }
        }
        return total.isZero() ? null : active.over(total, 0.0);
    }

    /** How many finished per type, most first, ties by type name. */
    List<Report.TypeCount> byType() {
        Map<String, Integer> counts = new HashMap<>();
        for (ItemFacts f : items) {
            counts.merge(f.type(), 1, Integer::sum);
        }
        List<Report.TypeCount> result = new ArrayList<>();
        counts.forEach((type, count) -> result.add(new Report.TypeCount(type, count)));
        result.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count())
                : a.type().compareTo(b.type()));
        return result;
    }

    /** Attainment of the SLE over these items, and the aging items already beyond it; null without an SLE. */
    Report.SleAttainment sle(ReportRequest.Sle sle, Aging aging) {
        if (sle == null) {
            return null;
        }
        int within = 0;
        for (ItemFacts f : items) {
            if (f.cycleTimeDays() <= sle.days()) {
                within++;
            }
        }
        Double attained = items.isEmpty() ? null : (double) within / items.size();
        Boolean met = attained == null || sle.percentile() == null ? null
                : (long) within * 100 >= (long) sle.percentile() * items.size();
        int beyond = 0;
        for (AgingItem a : aging.items()) {
            if (a.ageDays() > sle.days()) {
                beyond++;
            }
        }
        return new Report.SleAttainment(sle.days(), sle.percentile(), items.size(), within, attained, met, beyond);
    }
}
