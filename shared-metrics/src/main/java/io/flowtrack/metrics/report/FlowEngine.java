package io.flowtrack.metrics.report;

import io.flowtrack.metrics.aging.AgingWip;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.daily.DailySeries;
import io.flowtrack.metrics.forecast.Forecast;
import io.flowtrack.metrics.forecast.MonteCarlo;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.quality.DataQualityFindings;
import io.flowtrack.metrics.stats.Percentiles;
import io.flowtrack.metrics.timeline.DayClock;
import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.StageIndex;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.RandomAccess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The engine: computes a {@link Report} from a {@link History}. This is the one place that composes
 * the units (timeline, daily series, percentiles, aging, quality, forecast); each metric lives in its
 * unit. Stateless and thread-safe: every call works on its own data.
 */
public final class FlowEngine {
    private FlowEngine() {
    }

    /**
     * Computes the report of a built (so already valid) history.
     *
     * @throws IllegalArgumentException when the request does not fit the history (a window too long)
     */
    public static Report report(History history, ReportRequest request) {
        ReportSession session = new ReportSession(history.workflow(), history.timeZone(), history.source(),
                history.ignoreUnmappedStates(), request, false);
        for (WorkItem item : history.items()) {
            session.accept(item);
        }
        return session.finish();
    }

    /**
     * A report computed while a history streams in: each item is checked and walked as it arrives and
     * can then be dropped, so a history of millions of items never sits in memory whole. {@link
     * ReportSession#finish()} raises every problem found, exactly as building a {@link History} would.
     */
    public static ReportSession session(Workflow workflow, ZoneId timeZone, String source,
                                        boolean ignoreUnmappedStates, ReportRequest request) {
        return new ReportSession(workflow, timeZone, source, ignoreUnmappedStates, request, true);
    }

    /** Composes the report once every item has been walked. */
    static Report compose(Workflow workflow, ZoneId timeZone, String source, ReportRequest request,
                          StageIndex stages, DayClock clock, List<ItemFacts> reported, long earliestCreated,
                          Report.Excluded excluded) {
        long asOfDay = clock.day(request.asOf());
        long fromDay = request.from() != null ? request.from().toEpochDay()
                : earliestCreated == Long.MAX_VALUE ? asOfDay : earliestCreated;
        long toDay = request.to() != null ? request.to().toEpochDay() : asOfDay;
        if (fromDay > toDay) {
            throw new IllegalArgumentException("the window starts (" + LocalDate.ofEpochDay(fromDay)
                    + ") after it ends (" + LocalDate.ofEpochDay(toDay) + ")");
        }
        if (toDay - fromDay + 1 > ReportRequest.MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the window from " + LocalDate.ofEpochDay(fromDay) + " to "
                    + LocalDate.ofEpochDay(toDay) + " is longer than " + ReportRequest.MAX_WINDOW_DAYS + " days");
        }

        DailySeries series = DailySeries.compute(reported, fromDay, toDay, stages.size());
        List<ItemFacts> finishedInWindow = new ArrayList<>();
        for (ItemFacts f : reported) {
            if (f.isFinished() && f.finishedDay() >= fromDay && f.finishedDay() <= toDay) {
                finishedInWindow.add(f);
            }
        }

        List<Report.StageInfo> stageInfos = new ArrayList<>();
        for (Stage s : workflow.stages()) {
            stageInfos.add(new Report.StageInfo(s.name(), s.category()));
        }
        Integer sleDays = request.sle() == null ? null : request.sle().days();
        Report.Aging aging = AgingWip.compute(reported, finishedInWindow, stages, asOfDay, request.percentiles(),
                sleDays);
        WorkingCalendar.Counter workingDays = request.calendar() == null ? null : request.calendar().counter();
        Report.Calendar calendar = request.calendar() == null ? null
                : new Report.Calendar(request.calendar().orderedWorkingDays(), request.calendar().holidays());
        return new Report(request.asOf(), LocalDate.ofEpochDay(fromDay), LocalDate.ofEpochDay(toDay),
                timeZone, source, request.startPolicy(), stageInfos, workflow.commitmentStage().name(),
                new ItemRows(reported, stages, asOfDay, Math.min(earliestCreated, fromDay), workingDays),
                days(series), cycleTime(finishedInWindow, request, workingDays),
                aggregateFlowEfficiency(finishedInWindow), throughput(series), wip(series, aging),
                byType(finishedInWindow), sle(request.sle(), finishedInWindow, aging), aging,
                DataQualityFindings.compute(reported, stages), excluded,
                forecasts(request.forecast(), reported, series, fromDay, toDay, asOfDay, workingDays),
                StageBreakdown.compute(finishedInWindow, stages, request.percentiles()),
                StageBreakdown.blocked(finishedInWindow, reported), WeeklySeries.compute(series), calendar);
    }

    /**
     * The report's item rows, made from the walked facts when read rather than held twice: a report of
     * a million items keeps one compact value per item.
     */
    static final class ItemRows extends AbstractList<Report.Item> implements RandomAccess {
        private final List<ItemFacts> facts;
        private final StageIndex stages;
        private final long asOfDay;
        private final Dates dates;
        private final WorkingCalendar.Counter workingDays;

        ItemRows(List<ItemFacts> facts, StageIndex stages, long asOfDay, long firstDay,
                 WorkingCalendar.Counter workingDays) {
            this.facts = facts;
            this.stages = stages;
            this.asOfDay = asOfDay;
            this.dates = new Dates(firstDay, asOfDay);
            this.workingDays = workingDays;
        }

        @Override
        public Report.Item get(int index) {
            ItemFacts f = facts.get(index);
            int cycle = f.cycleTimeDays();
            int age = f.ageDays(asOfDay);
            return new Report.Item(f.id(), f.type(), f.title(), stages.workflow().stage(f.stageAtAsOf()).name(),
                    dates.of(f.createdDay()), f.isStarted() ? dates.of(f.startedDay()) : null,
                    f.isFinished() ? dates.of(f.finishedDay()) : null, stageName(f.startedStage()),
                    stageName(f.finishedStage()), cycle > 0 ? cycle : null,
                    age > 0 ? age : null, f.flowEfficiency(), new Report.StageTimes(f.nanosInStage(), stages.size()),
                    f.isStarted() ? Math.round(f.blockedNanos() / 1e6) : null, f.blockedNow(),
                    workingDays != null && cycle > 0 ? workingDays.days(f.startedDay(), f.finishedDay()) : null,
                    workingDays != null && age > 0 ? workingDays.days(f.startedDay(), asOfDay) : null);
        }

        private String stageName(int stage) {
            return stage < 0 ? null : stages.workflow().stage(stage).name();
        }

        @Override
        public int size() {
            return facts.size();
        }
    }

    /**
     * The dates of a range of epoch days, each made once: a million item rows share a few hundred
     * distinct days. Filled lazily; a race only makes the same immutable date twice.
     */
    static final class Dates {
        private static final int MAX_CACHED = 40_000;
        private final long first;
        private final LocalDate[] cache;

        Dates(long first, long last) {
            this.first = first;
            this.cache = new LocalDate[(int) Math.max(0, Math.min(MAX_CACHED, last - first + 1))];
        }

        LocalDate of(long epochDay) {
            long slot = epochDay - first;
            if (slot < 0 || slot >= cache.length) {
                return LocalDate.ofEpochDay(epochDay);
            }
            LocalDate date = cache[(int) slot];
            if (date == null) {
                date = LocalDate.ofEpochDay(epochDay);
                cache[(int) slot] = date;
            }
            return date;
        }
    }

    private static List<Report.Day> days(DailySeries series) {
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

    private static Report.CycleTime cycleTime(List<ItemFacts> finished, ReportRequest request,
                                              WorkingCalendar.Counter workingDays) {
        int[] values = new int[finished.size()];
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < values.length; i++) {
            values[i] = finished.get(i).cycleTimeDays();
            sum += values[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        Map<Integer, Integer> workingDayPercentiles = null;
        if (workingDays != null) {
            int[] working = new int[values.length];
            for (int i = 0; i < working.length; i++) {
                working[i] = workingDays.days(finished.get(i).startedDay(), finished.get(i).finishedDay());
            }
            workingDayPercentiles = Percentiles.of(working, request.percentiles());
        }
        if (values.length == 0) {
            return new Report.CycleTime(0, Map.of(), null, null, null, workingDayPercentiles);
        }
        return new Report.CycleTime(values.length, Percentiles.of(values, request.percentiles()), min, max,
                (double) sum / values.length, workingDayPercentiles);
    }

    private static Double aggregateFlowEfficiency(List<ItemFacts> finished) {
        long active = 0;
        long total = 0;
        for (ItemFacts f : finished) {
            if (f.flowNanos() > 0) {
                active += f.activeNanos();
                total += f.flowNanos();
            }
        }
        return total == 0 ? null : (double) active / (double) total;
    }

    private static Report.Throughput throughput(DailySeries series) {
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

    private static Report.Wip wip(DailySeries series, Report.Aging aging) {
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
        return new Report.Wip((double) sum / series.days(), min, max, aging.items().size(), arrivals);
    }

    private static List<Report.TypeCount> byType(List<ItemFacts> finished) {
        Map<String, Integer> counts = new HashMap<>();
        for (ItemFacts f : finished) {
            counts.merge(f.type(), 1, Integer::sum);
        }
        List<Report.TypeCount> result = new ArrayList<>();
        counts.forEach((type, count) -> result.add(new Report.TypeCount(type, count)));
        result.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count())
                : a.type().compareTo(b.type()));
        return result;
    }

    private static Report.SleAttainment sle(ReportRequest.Sle sle, List<ItemFacts> finished, Report.Aging aging) {
        if (sle == null) {
            return null;
        }
        int within = 0;
        for (ItemFacts f : finished) {
            if (f.cycleTimeDays() <= sle.days()) {
                within++;
            }
        }
        Double attained = finished.isEmpty() ? null : (double) within / finished.size();
        Boolean met = attained == null || sle.percentile() == null ? null
                : (long) within * 100 >= (long) sle.percentile() * finished.size();
        int beyond = 0;
        for (Report.AgingItem a : aging.items()) {
            if (a.ageDays() > sle.days()) {
                beyond++;
            }
        }
        return new Report.SleAttainment(sle.days(), sle.percentile(), finished.size(), within, attained, met, beyond);
    }

    private static Report.Forecasts forecasts(ForecastRequest request, List<ItemFacts> reported, DailySeries series,
                                              long fromDay, long toDay, long asOfDay,
                                              WorkingCalendar.Counter workingDays) {
        if (request == null) {
            return null;
        }
        long samplingFrom = request.samplingFrom() != null ? request.samplingFrom().toEpochDay() : fromDay;
        long samplingTo = request.samplingTo() != null ? request.samplingTo().toEpochDay() : toDay;
        if (samplingTo - samplingFrom + 1 > ReportRequest.MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("the sampling window is longer than " + ReportRequest.MAX_WINDOW_DAYS
                    + " days");
        }
        int[] samples;
        if (samplingFrom == fromDay && samplingTo == toDay) {
            samples = series.throughputSeries();
        } else {
            samples = new int[(int) (samplingTo - samplingFrom + 1)];
            for (ItemFacts f : reported) {
                if (f.isFinished() && f.finishedDay() >= samplingFrom && f.finishedDay() <= samplingTo) {
                    samples[(int) (f.finishedDay() - samplingFrom)]++;
                }
            }
        }
        long seed = request.seed() != null ? request.seed() : new SplittableRandom().nextLong();
        Forecast howMany = request.howManyDays() == null ? null
                : MonteCarlo.howMany(samples, request.howManyDays(), request.trials(), seed, request.confidences());
        Forecast when = request.whenItems() == null ? null
                : MonteCarlo.when(samples, request.whenItems(), request.trials(), seed, request.confidences());
        Map<Integer, LocalDate> whenDates = null;
        if (when != null && when.available()) {
            whenDates = new java.util.LinkedHashMap<>();
            for (Map.Entry<Integer, Integer> e : when.percentiles().entrySet()) {
                whenDates.put(e.getKey(), e.getValue() == null ? null : LocalDate.ofEpochDay(asOfDay + e.getValue()));
            }
        }
        Report.WorkingDayForecasts onWorkingDays = workingDays == null ? null
                : WorkingDayForecast.compute(request, workingDays, samples, samplingFrom, asOfDay, seed);
        return new Report.Forecasts(LocalDate.ofEpochDay(samplingFrom), LocalDate.ofEpochDay(samplingTo), howMany,
                when, whenDates, onWorkingDays);
    }
}
