package io.flowtrack.metrics.report;

import io.flowtrack.metrics.aging.Aging;
import io.flowtrack.metrics.forecast.Forecast;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.quality.DataQuality;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computed flow report: the {@code flowtrack-report/1} document as values. Written to JSON by
 * {@link io.flowtrack.metrics.io.ReportWriter}.
 */
public record Report(Instant asOf, LocalDate from, LocalDate to, ZoneId timeZone, String source,
                     StartPolicy startPolicy, List<StageInfo> stages, String commitmentStage,
                     List<Item> items, List<Day> daily, CycleTime cycleTime, Double flowEfficiency,
                     Throughput throughput, Wip wip, List<TypeCount> byType, SleAttainment sle, Aging aging,
                     DataQuality dataQuality, Excluded excluded, Forecasts forecast,
                     List<StageShare> stageBreakdown, Blocked blocked, List<Week> weekly, Calendar calendar) {

    public static final String FORMAT = "flowtrack-report/1";

    public Report {
        stages = List.copyOf(stages);
        // Rows made on demand by the engine are already unmodifiable; anything else is copied.
        items = items instanceof ItemRows ? items : List.copyOf(items);
        daily = List.copyOf(daily);
        byType = List.copyOf(byType);
        stageBreakdown = List.copyOf(stageBreakdown);
        weekly = List.copyOf(weekly);
    }

    static <K, V> Map<K, V> frozen(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** A stage of the workflow, in order. */
    public record StageInfo(String name, Category category) {
    }

    /**
     * One reported (not removed) item.
     *
     * @param stage          the stage it is in at {@code asOf}
     * @param cycleTimeDays  for finished items
     * @param ageDays        for started, unfinished items
     * @param flowEfficiency for finished items with a non-zero duration
     * @param startedIn      the stage it entered when it started (under the start policy), or null
     * @param finishedIn     the stage it entered when it finished (its last move into a done stage), or null
     * @param timeInStage    seconds spent in each stage between started and finished (or asOf)
     * @param blockedMillis  blocked time within [started, finished] (or asOf), to the millisecond; null when
     *                       not started
     * @param blockedNow     started, unfinished and blocked at {@code asOf}
     * @param cycleTimeWorkingDays cycle time in working days, when a calendar was given and the item finished
     * @param ageWorkingDays age in working days, when a calendar was given and the item is in progress
     */
    public record Item(String id, String type, String title, String stage, LocalDate created, LocalDate started,
                       LocalDate finished, String startedIn, String finishedIn, Integer cycleTimeDays,
                       Integer ageDays, Double flowEfficiency, StageTimes timeInStage, Long blockedMillis,
                       boolean blockedNow, Integer cycleTimeWorkingDays, Integer ageWorkingDays) {
    }

    /**
     * Time spent per stage, indexed like {@link Report#stages()}, to the millisecond. Immutable.
     */
    public static final class StageTimes {
        /** Nanoseconds per stage, never changed; stages from {@code nanos.length} to {@code size} had none. */
        private final long[] nanos;
        private final int size;

        /**
         * @param nanos  nanoseconds per stage, rounded to milliseconds; the array is not kept
         * @param stages how many stages; stages beyond {@code nanos} had no time
         */
        public StageTimes(long[] nanos, int stages) {
            this(stages, nanos.clone());
        }

        private StageTimes(int stages, long[] nanos) {
            this.nanos = nanos;
            this.size = stages;
        }

        /**
         * The times of an array nobody changes (an item's walked facts), kept rather than copied: a report of
         * a million items reads each item's times once, as it is written.
         */
        static StageTimes ofUnchanging(long[] nanos, int stages) {
            return new StageTimes(stages, nanos);
        }

        public int size() {
            return size;
        }

        public long millis(int stage) {
            if (stage >= nanos.length) {
                java.util.Objects.checkIndex(stage, size);
                return 0;
            }
            return Math.round(nanos[stage] / 1e6);
        }

        public double seconds(int stage) {
            return millis(stage) / 1000.0;
        }

        private long[] allMillis() {
            long[] millis = new long[size];
            for (int i = 0; i < size; i++) {
                millis[i] = millis(i);
            }
            return millis;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StageTimes t && java.util.Arrays.equals(t.allMillis(), allMillis());
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(allMillis());
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(allMillis()) + " ms";
        }
    }

    /** One day of the window. {@code cfd} has one cumulative band per stage, in stage order. */
    public record Day(LocalDate date, int arrivals, int throughput, int wip, List<Integer> cfd) {
        public Day {
            cfd = List.copyOf(cfd);
        }
    }

    /**
     * Cycle times of the items finished in the window. Percentiles, min, max and mean are null for none.
     * {@code workingDayPercentiles} is null without a calendar, else the percentiles in working days.
     */
    public record CycleTime(int count, Map<Integer, Integer> percentiles, Integer min, Integer max, Double mean,
                            Map<Integer, Integer> workingDayPercentiles) {
        public CycleTime {
            percentiles = frozen(percentiles);
            workingDayPercentiles = workingDayPercentiles == null ? null : frozen(workingDayPercentiles);
        }
    }

    /**
     * Where the cycle time of the items finished in the window went, for one stage.
     *
     * @param items        items that spent time in the stage
     * @param totalMillis  their summed time in it
     * @param share        that over Σ (finished − started) of every item finished in the window (0 for none)
     * @param percentiles  nearest-rank percentiles of the time in the stage over those items, in milliseconds
     */
    public record StageShare(String stage, int items, long totalMillis, double share, Map<Integer, Long> percentiles) {
        public StageShare {
            percentiles = frozen(percentiles);
        }
    }

    /**
     * Blocked work: items finished in the window that were blocked, the blocked share of their time, and the
     * items blocked at {@code asOf}.
     */
    public record Blocked(int items, double share, int now) {
    }

    /**
     * One week (Monday to Sunday) overlapping the window.
     *
     * @param days    the week's days inside the window; {@code partial} when fewer than 7
     * @param wip     WIP on the week's last day inside the window
     */
    public record Week(LocalDate weekStart, int days, boolean partial, int arrivals, int throughput, int wip) {
    }

    /** The working calendar a report was asked with, as used. */
    public record Calendar(List<java.time.DayOfWeek> workingDays, List<LocalDate> holidays) {
        public Calendar {
            workingDays = List.copyOf(workingDays);
            holidays = List.copyOf(holidays);
        }
    }

    /** Throughput over the window: its total and per-day figures. */
    public record Throughput(int total, int days, double meanPerDay, int maxPerDay, int zeroDays) {
    }

    /**
     * WIP over the window, and now.
     *
     * @param current items started and unfinished at {@code asOf}
     */
    public record Wip(double mean, int min, int max, int current, int arrivals) {
    }

    /** Finished items in the window of one type. */
    public record TypeCount(String type, int count) {
    }

    /** How many items finished in the window did so within the SLE. */
    public record SleAttainment(int days, Integer targetPercentile, int finished, int withinSle, Double attained,
                                Boolean met, int agingBeyondSle) {
    }

    /** Items of the history that the report leaves out, and why. */
    public record Excluded(int removed, int createdAfterAsOf, int otherTypes) {
    }

    /**
     * The forecasts asked for; either may be null. {@code whenDates} turns the "when" answers into dates:
     * day 1 is the day after {@code asOf}.
     */
    public record Forecasts(LocalDate samplingFrom, LocalDate samplingTo, Forecast howMany, Forecast when,
                            Map<Integer, LocalDate> whenDates, WorkingDayForecasts workingDays) {
        public Forecasts {
            whenDates = whenDates == null ? null : frozen(whenDates);
        }
    }

    /**
     * The forecasts on working days (with a calendar only): samples are the working days' throughputs;
     * "how many" keeps its calendar-day horizon as {@code target}; "when" answers in calendar days after asOf.
     */
    public record WorkingDayForecasts(Forecast howMany, Forecast when, Map<Integer, LocalDate> whenDates) {
        public WorkingDayForecasts {
            whenDates = whenDates == null ? null : frozen(whenDates);
        }
    }
}
