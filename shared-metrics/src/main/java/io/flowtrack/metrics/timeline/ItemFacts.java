package io.flowtrack.metrics.timeline;

import io.flowtrack.metrics.model.WorkItem;
import java.time.Instant;
import java.util.List;

/**
 * Everything the engine knows about one item as of {@code asOf}, from one walk over its timeline.
 * Arrays are owned by this value and never changed after construction.
 *
 * @param item                 the item
 * @param stageAtAsOf          index of the stage the item is in at {@code asOf}
 * @param removed              whether that stage is a removed stage (the item is then left out)
 * @param createdDay           epoch day of creation
 * @param started              when it started under the request's start policy; null if not started
 * @param finished             when it finished; null unless its stage at {@code asOf} is done
 * @param nanosInStage         time spent in each stage between started and finished (or asOf)
 * @param activeNanos          of that, the time in {@code active} stages
 * @param flowNanos            finished − started, for finished items; 0 otherwise
 * @param paceAgeDays          for finished items: per in-flow stage (see {@link StageIndex#inFlow()}), the
 *                             age in days at which the item last moved past it; null for others
 * @param cfdDays              the days on which the item's end-of-day stage changed (first: its creation day)
 * @param cfdStages            the end-of-day stage from that day on
 * @param quality              what in the item's data bends its numbers
 */
public record ItemFacts(WorkItem item, int stageAtAsOf, boolean removed, long createdDay,
                        Instant started, long startedDay, Instant finished, long finishedDay,
                        long[] nanosInStage, long activeNanos, long flowNanos, int[] paceAgeDays,
                        long[] cfdDays, int[] cfdStages, ItemQuality quality) {

    /** Marks an absent day (not started, not finished). */
    public static final long NO_DAY = Long.MIN_VALUE;

    public boolean isStarted() {
        return started != null;
    }

    public boolean isFinished() {
        return finished != null;
    }

    /** date(finished) − date(started) + 1, or -1 for unfinished items. */
    public int cycleTimeDays() {
        return finished == null ? -1 : (int) (finishedDay - startedDay + 1);
    }

    /** date(asOf) − date(started) + 1 for started, unfinished items, or -1. */
    public int ageDays(long asOfDay) {
        return started == null || finished != null ? -1 : (int) (asOfDay - startedDay + 1);
    }

    /** Active time over (finished − started) for finished items with a non-zero duration, else null. */
    public Double flowEfficiency() {
        return finished == null || flowNanos <= 0 ? null : (double) activeNanos / (double) flowNanos;
    }

    /**
     * Raw data-quality observations of one item.
     *
     * @param backwardMoves          moves to an earlier stage (moves into or out of removed stages excluded)
     * @param reopened               moves from a done stage back to a stage that is neither done nor removed
     * @param createdInDone          the item was created directly in a done state
     * @param fromMismatches         transitions whose {@code from} is not the state the item was in
     * @param firstMismatch          a description of the first such transition, or null
     * @param unmappedStates         states no stage maps that were skipped (only when the caller ignores them)
     * @param skippedCommitment      the item started by jumping past the commitment stage without entering it
     * @param backBeforeCommitment   started and unfinished, but at {@code asOf} in a stage before commitment
     * @param transitionsAfterAsOf   transitions after {@code asOf}, which the report does not see
     */
    public record ItemQuality(int backwardMoves, int reopened, boolean createdInDone, int fromMismatches,
                              String firstMismatch, List<String> unmappedStates, boolean skippedCommitment,
                              boolean backBeforeCommitment, int transitionsAfterAsOf) {
        private static final ItemQuality CLEAN = new ItemQuality(0, 0, false, 0, null, List.of(), false, false, 0);

        public ItemQuality {
            unmappedStates = List.copyOf(unmappedStates);
        }

        /** The observations; most items have none, and share one value for that. */
        public static ItemQuality of(int backwardMoves, int reopened, boolean createdInDone, int fromMismatches,
                                     String firstMismatch, List<String> unmappedStates, boolean skippedCommitment,
                                     boolean backBeforeCommitment, int transitionsAfterAsOf) {
            if (backwardMoves == 0 && reopened == 0 && !createdInDone && fromMismatches == 0 && unmappedStates.isEmpty()
                    && !skippedCommitment && !backBeforeCommitment && transitionsAfterAsOf == 0) {
                return CLEAN;
            }
            return new ItemQuality(backwardMoves, reopened, createdInDone, fromMismatches, firstMismatch,
                    unmappedStates, skippedCommitment, backBeforeCommitment, transitionsAfterAsOf);
        }

        public boolean isClean() {
            return backwardMoves == 0 && reopened == 0 && !createdInDone && fromMismatches == 0
                    && unmappedStates.isEmpty() && !skippedCommitment && !backBeforeCommitment;
        }
    }
}
