package io.flowtrack.metrics.report;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.StageIndex;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The report's item rows, made from the walked facts when read rather than held twice: a report of
 * a million items keeps one compact value per item.
 */
final class ItemRows extends AbstractList<Report.Item> implements RandomAccess {
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
                age > 0 ? age : null, f.flowEfficiency(), Report.StageTimes.ofUnchanging(f.nanosInStage(), stages.size()),
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
}
