package io.flowtrack.metrics.timeline;

import io.flowtrack.metrics.model.BlockedPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An item's blocked time (flow-definitions.md, "Blocked time"): its periods cut at {@code asOf}, merged
 * where they overlap or touch, and their overlap with [started, finished] (or [started, asOf]).
 */
final class BlockedTime {
    private static final Comparator<BlockedPeriod> BY_FROM = Comparator.comparing(BlockedPeriod::from);

    private BlockedTime() {
    }

    /**
     * The merged overlap of the periods with [start, end], in nanoseconds.
     *
     * @param periods the item's periods, any order; those beginning after {@code asOf} do not count
     * @param start   when the item started
     * @param end     when it finished, or {@code asOf} for an unfinished item
     * @param asOf    the report's moment: a period still open, or ending later, ends here
     */
    static long nanos(List<BlockedPeriod> periods, Instant start, Instant end, Instant asOf) {
        if (periods.size() == 1) { // the common case: nothing to merge, no list to sort
            BlockedPeriod p = periods.get(0);
            if (p.from().isAfter(asOf)) {
                return 0;
            }
            return overlap(p.from(), p.to() == null || p.to().isAfter(asOf) ? asOf : p.to(), start, end);
        }
        List<BlockedPeriod> visible = new ArrayList<>(periods.size());
        for (BlockedPeriod p : periods) {
            if (!p.from().isAfter(asOf)) {
                visible.add(p);
            }
        }
        visible.sort(BY_FROM);
        long total = 0;
        Instant runFrom = null;
        Instant runTo = null;
        for (BlockedPeriod p : visible) {
            Instant to = p.to() == null || p.to().isAfter(asOf) ? asOf : p.to();
            if (runFrom != null && !p.from().isAfter(runTo)) {
                if (to.isAfter(runTo)) {
                    runTo = to; // overlapping or touching: one period
                }
                continue;
            }
            total += overlap(runFrom, runTo, start, end);
            runFrom = p.from();
            runTo = to;
        }
        return total + overlap(runFrom, runTo, start, end);
    }

    /** Whether a period covers {@code asOf}: it began at or before it and had not ended by then. */
    static boolean coversAsOf(List<BlockedPeriod> periods, Instant asOf) {
        for (BlockedPeriod p : periods) {
            if (!p.from().isAfter(asOf) && (p.to() == null || p.to().isAfter(asOf))) {
                return true;
            }
        }
        return false;
    }

    private static long overlap(Instant from, Instant to, Instant start, Instant end) {
        if (from == null) {
            return 0;
        }
        Instant a = from.isBefore(start) ? start : from;
        Instant b = to.isAfter(end) ? end : to;
        return b.isAfter(a) ? ItemTimeline.nanosBetween(a, b) : 0;
    }
}
