package io.flowtrack.metrics.report;

import io.flowtrack.metrics.aging.Aging;
import io.flowtrack.metrics.aging.AgingWip;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.daily.DailySeries;
import io.flowtrack.metrics.model.History;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.WorkItem;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.quality.DataQualityFindings;
import io.flowtrack.metrics.timeline.DayClock;
import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.StageIndex;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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

    /** Composes the report once every item has been walked: each part comes from its own unit. */
    static Report compose(ReportSession.Setting setting, List<ItemFacts> reported, long earliestCreated,
                          Report.Excluded excluded) {
        Workflow workflow = setting.workflow();
        ReportRequest request = setting.request();
        StageIndex stages = setting.stages();
        DayClock clock = setting.clock();
        long asOfDay = clock.day(request.asOf());
        ReportWindow window = ReportWindow.of(request, asOfDay, earliestCreated);
        DailySeries series = DailySeries.compute(reported, window.fromDay(), window.toDay(), stages.size());
        FinishedItems finished = FinishedItems.in(reported, window);

        List<Report.StageInfo> stageInfos = new ArrayList<>();
        for (Stage s : workflow.stages()) {
            stageInfos.add(new Report.StageInfo(s.name(), s.category()));
        }
        Integer sleDays = request.sle() == null ? null : request.sle().days();
        Aging aging = AgingWip.compute(reported, finished.list(), stages, asOfDay, request.percentiles(), sleDays);
        WorkingCalendar.Counter workingDays = request.calendar() == null ? null : request.calendar().counter();
        Report.Calendar calendar = request.calendar() == null ? null
                : new Report.Calendar(request.calendar().orderedWorkingDays(), request.calendar().holidays());
        Report.Forecasts forecasts = request.forecast() == null ? null
                : ReportForecasts.compute(request.forecast(),
                        SamplingWindow.of(request.forecast(), window, series, reported), asOfDay, workingDays);
        return new Report(request.asOf(), window.from(), window.to(),
                setting.timeZone(), setting.source(), request.startPolicy(), stageInfos, workflow.commitmentStage().name(),
                new ItemRows(reported, stages, asOfDay, Math.min(earliestCreated, window.fromDay()), workingDays),
                DailyFigures.days(series), finished.cycleTime(request.percentiles(), workingDays),
                finished.flowEfficiency(), DailyFigures.throughput(series),
                DailyFigures.wip(series, aging.items().size()), finished.byType(),
                finished.sle(request.sle(), aging), aging, DataQualityFindings.compute(reported, stages), excluded,
                forecasts, StageBreakdown.compute(finished.list(), stages, request.percentiles()),
                StageBreakdown.blocked(finished.list(), reported), WeeklySeries.compute(series), calendar);
    }
}
