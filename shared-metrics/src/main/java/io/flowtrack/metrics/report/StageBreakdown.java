package io.flowtrack.metrics.report;

import io.flowtrack.metrics.stats.Percentiles;
import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.StageIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the cycle time goes (flow-definitions.md, "Where the time goes: stage breakdown"): per stage, over
 * the items finished in the window, how many spent time in it, its share of their summed cycle time and the
 * percentiles of the time in it.
 */
final class StageBreakdown {
    private StageBreakdown() {
    }

    static List<Report.StageShare> compute(List<ItemFacts> finished, StageIndex stages, List<Integer> ks) {
        long flowNanos = 0;
        for (ItemFacts f : finished) {
            flowNanos += f.flowNanos();
        }
        List<Report.StageShare> rows = new ArrayList<>();
        long[] millis = new long[finished.size()];
        for (int s = 0; s < stages.size(); s++) {
            if (stages.removed(s)) {
                continue;
            }
            int n = 0;
            long nanos = 0;
            long totalMillis = 0;
            for (ItemFacts f : finished) {
                long[] inStage = f.nanosInStage();
                long t = s < inStage.length ? inStage[s] : 0;
                if (t > 0) {
                    nanos += t;
                    millis[n] = Math.round(t / 1e6);
                    totalMillis += millis[n];
                    n++;
                }
            }
            double share = flowNanos == 0 ? 0.0 : (double) nanos / (double) flowNanos;
            rows.add(new Report.StageShare(stages.workflow().stage(s).name(), n, totalMillis, share,
                    Percentiles.ofLongsSortingInPlace(java.util.Arrays.copyOf(millis, n), ks)));
        }
        return rows;
    }

    /** Blocked items and share over the items finished in the window, and the items blocked now. */
    static Report.Blocked blocked(List<ItemFacts> finished, List<ItemFacts> reported) {
        int items = 0;
        long blocked = 0;
        long flow = 0;
        for (ItemFacts f : finished) {
            if (f.blockedNanos() > 0) {
                items++;
                blocked += f.blockedNanos();
            }
            flow += f.flowNanos();
        }
        int now = 0;
        for (ItemFacts f : reported) {
            if (f.blockedNow()) {
                now++;
            }
        }
        return new Report.Blocked(items, flow == 0 ? 0.0 : (double) blocked / (double) flow, now);
    }
}
