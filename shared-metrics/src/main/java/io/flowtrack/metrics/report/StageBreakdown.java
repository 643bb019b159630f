package io.flowtrack.metrics.report;

import io.flowtrack.metrics.stats.Percentiles;
import io.flowtrack.metrics.stats.WideSum;
import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.StageIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the cycle time goes (flow-definitions.md, "Where the time goes: stage breakdown"): per stage, over
 * the items finished in the window, how many spent time in it, its share of their summed cycle time and the
 * percentiles of the time in it.
 */
final class StageBreakdown {
    private static final long[] NONE = new long[0];

    private StageBreakdown() {
    }

    static List<Report.StageShare> compute(List<ItemFacts> finished, StageIndex stages, List<Integer> ks) {
        // One pass over the items (each item's times are read once, not once per stage) gathering each stage's
        // non-zero times in milliseconds; then each stage's percentiles by selection in its own array.
        int stageCount = stages.size();
        long[][] millis = new long[stageCount][];
        int[] counts = new int[stageCount];
        WideSum[] nanos = new WideSum[stageCount];
        for (int s = 0; s < stageCount; s++) {
            nanos[s] = new WideSum();
        }
        long[] totalMillis = new long[stageCount];
        WideSum flowNanos = new WideSum();
        for (ItemFacts f : finished) {
            flowNanos.add(f.flowNanos());
            long[] inStage = f.nanosInStage();
            int upTo = Math.min(inStage.length, stageCount);
            for (int s = 0; s < upTo; s++) {
                long t = inStage[s];
                if (t > 0) {
                    long ms = Math.round(t / 1e6);
                    long[] values = millis[s];
                    if (values == null) {
                        values = new long[Math.max(16, finished.size() / 4)];
                        millis[s] = values;
                    } else if (counts[s] == values.length) {
                        values = Arrays.copyOf(values, Math.min(finished.size(), values.length * 2));
                        millis[s] = values;
                    }
                    values[counts[s]++] = ms;
                    nanos[s].add(t);
                    totalMillis[s] += ms;
                }
            }
        }
        List<Report.StageShare> rows = new ArrayList<>();
        for (int s = 0; s < stageCount; s++) {
            if (stages.removed(s)) {
                continue;
            }
            double share = nanos[s].over(flowNanos, 0.0);
            rows.add(new Report.StageShare(stages.workflow().stage(s).name(), counts[s], totalMillis[s], share,
                    Percentiles.ofLongsSelecting(millis[s] == null ? NONE : millis[s], counts[s], ks)));
        }
        return rows;
    }

    /** Blocked items and share over the items finished in the window, and the items blocked now. */
    static Report.Blocked blocked(List<ItemFacts> finished, List<ItemFacts> reported) {
        int items = 0;
        WideSum blocked = new WideSum();
        WideSum flow = new WideSum();
        for (ItemFacts f : finished) {
            if (f.blockedNanos() > 0) {
                items++;
                blocked.add(f.blockedNanos());
            }
            flow.add(f.flowNanos());
        }
        int now = 0;
        for (ItemFacts f : reported) {
            if (f.blockedNow()) {
                now++;
            }
        }
        return new Report.Blocked(items, blocked.over(flow, 0.0), now);
    }
}
