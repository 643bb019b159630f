package io.flowtrack.metrics.daily;

import io.flowtrack.metrics.timeline.ItemFacts;
import java.util.List;

/**
 * Arrivals, throughput, WIP and CFD bands for each day of [from, to], computed by sweeping day
 * boundaries: each item adds a few entries to difference arrays, then one prefix sum over the days
 * gives every series. O(items + transitions + days × stages); no day rescans the items.
 */
public final class DailySeries {
    private final long fromDay;
    private final int days;
    private final int stageCount;
    private final int[] arrivals;
    private final int[] throughput;
    private final int[] wip;
    private final int[] cfd;

    private DailySeries(long fromDay, int days, int stageCount, int[] arrivals, int[] throughput, int[] wip,
                        int[] cfd) {
        this.fromDay = fromDay;
        this.days = days;
        this.stageCount = stageCount;
        this.arrivals = arrivals;
        this.throughput = throughput;
        this.wip = wip;
        this.cfd = cfd;
    }

    /**
     * @param facts      the reported items (not removed, created by {@code asOf})
     * @param fromDay    first epoch day of the window
     * @param toDay      last epoch day of the window
     * @param stageCount stages of the workflow
     */
    public static DailySeries compute(List<ItemFacts> facts, long fromDay, long toDay, int stageCount) {
        int days = Math.toIntExact(toDay - fromDay + 1);
        int[] arrivals = new int[days];
        int[] throughput = new int[days];
        int[] wipDelta = new int[days + 1];
        int[] stageDelta = new int[days * stageCount];
        for (ItemFacts f : facts) {
            if (f.isStarted()) {
                long start = f.startedDay();
                long end = f.isFinished() ? f.finishedDay() : Long.MAX_VALUE;
                if (start >= fromDay && start <= toDay) {
                    arrivals[(int) (start - fromDay)]++;
                }
                if (f.isFinished() && end >= fromDay && end <= toDay) {
                    throughput[(int) (end - fromDay)]++;
                }
                long first = Math.max(start, fromDay);
                long last = Math.min(end, toDay);
                if (first <= last) {
                    wipDelta[(int) (first - fromDay)]++;
                    wipDelta[(int) (last - fromDay) + 1]--;
                }
            }
            long[] steps = f.cfdSteps();
            for (int i = 0; i < steps.length; i++) {
                long day = Math.max(ItemFacts.stepDay(steps[i]), fromDay);
                if (day > toDay) {
                    break;
                }
                int row = (int) (day - fromDay) * stageCount;
                if (i > 0) {
                    stageDelta[row + ItemFacts.stepStage(steps[i - 1])]--;
                }
                stageDelta[row + ItemFacts.stepStage(steps[i])]++;
            }
        }
        int[] wip = new int[days];
        int running = 0;
        for (int d = 0; d < days; d++) {
            running += wipDelta[d];
            wip[d] = running;
        }
        // Prefix over days gives items per stage at each day's end; a suffix over stages gives the bands.
        int[] cfd = new int[days * stageCount];
        int[] inStage = new int[stageCount];
        for (int d = 0; d < days; d++) {
            int row = d * stageCount;
            for (int s = 0; s < stageCount; s++) {
                inStage[s] += stageDelta[row + s];
            }
            int band = 0;
            for (int s = stageCount - 1; s >= 0; s--) {
                band += inStage[s];
                cfd[row + s] = band;
            }
        }
        return new DailySeries(fromDay, days, stageCount, arrivals, throughput, wip, cfd);
    }

    public long fromDay() {
        return fromDay;
    }

    public int days() {
        return days;
    }

    public int arrivals(int day) {
        return arrivals[day];
    }

    public int throughput(int day) {
        return throughput[day];
    }

    /** A copy of the daily throughput, the forecast's samples when the sampling window is the report's. */
    public int[] throughputSeries() {
        return throughput.clone();
    }

    public int wip(int day) {
        return wip[day];
    }

    /** Items created by the end of the day whose stage at the end of the day is {@code stage} or later. */
    public int cfd(int day, int stage) {
        return cfd[day * stageCount + stage];
    }

    public int stageCount() {
        return stageCount;
    }
}
