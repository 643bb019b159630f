package io.flowtrack.metrics.timeline;

import java.util.List;

/**
 * Everything the engine knows about one item as of {@code asOf}, from one walk over its timeline. It
 * keeps no reference to the item's transitions, so a streamed history's items can be dropped once walked.
 * Arrays are owned by this value and never changed after construction.
 *
 * @param id                   the item's id
 * @param type                 its type
 * @param title                its title, or null
 * @param stageAtAsOf          index of the stage the item is in at {@code asOf}
 * @param removed              whether that stage is a removed stage (the item is then left out)
 * @param createdDay           epoch day of creation
 * @param startedDay           epoch day it started under the request's start policy, or {@link #NO_DAY}
 * @param finishedDay          epoch day it finished, or {@link #NO_DAY} unless its stage at asOf is done
 * @param startedStage         index of the stage it entered when it started (at creation or by the transition
 *                             that started it), or -1 when not started
 * @param finishedStage        index of the stage it entered when it finished (at creation or by its last move
 *                             into a done stage), or -1 when not finished
 * @param nanosInStage         time spent in each stage between started and finished (or asOf); empty for
 *                             items that have not started
 * @param activeNanos          of that, the time in {@code active} stages
 * @param flowNanos            finished − started, for finished items; 0 otherwise
 * @param paceAgeDays          for finished items: per in-flow stage (see {@link StageIndex#inFlowStage(int)}), the
 *                             age in days at which the item last moved past it; null for others
 * @param cfdSteps             the days on which the item's end-of-day stage changed (first: its creation day),
 *                             each with the stage from that day on, packed by {@link #step(long, int)}
 * @param quality              what in the item's data bends its numbers
 * @param blockedNanos         blocked time within [started, finished] (or [started, asOf]); 0 when not started
 * @param blockedNow           started, unfinished, and a blocked period covers {@code asOf}
 */
public record ItemFacts(String id, String type, String title, int stageAtAsOf, boolean removed, long createdDay,
                        long startedDay, long finishedDay, int startedStage, int finishedStage,
                        long[] nanosInStage, long activeNanos, long flowNanos,
                        int[] paceAgeDays, long[] cfdSteps, ItemQuality quality,
                        long blockedNanos, boolean blockedNow) {

    /** Marks an absent day (not started, not finished). */
    public static final long NO_DAY = Long.MIN_VALUE;
    /** Workflows have at most this many stages, so a stage index fits beside a day in one long. */
    public static final int MAX_STAGES = 1 << 16;

    /** Packs a day and a stage into one CFD step. */
    public static long step(long day, int stage) {
        return (day << 16) | stage;
    }

    public static long stepDay(long step) {
        return step >> 16;
    }

    public static int stepStage(long step) {
        return (int) (step & 0xFFFF);
    }

    public boolean isStarted() {
        return startedDay != NO_DAY;
    }

    public boolean isFinished() {
        return finishedDay != NO_DAY;
    }

    /** date(finished) − date(started) + 1, or -1 for unfinished items. */
    public int cycleTimeDays() {
        return isFinished() ? (int) (finishedDay - startedDay + 1) : -1;
    }

    /** date(asOf) − date(started) + 1 for started, unfinished items, or -1. */
    public int ageDays(long asOfDay) {
        return isStarted() && !isFinished() ? (int) (asOfDay - startedDay + 1) : -1;
    }

    /** Active time over (finished − started) for finished items with a non-zero duration, else null. */
    public Double flowEfficiency() {
        return !isFinished() || flowNanos <= 0 ? null : (double) activeNanos / (double) flowNanos;
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

        /** The observations as collected; most items have none, and share one value for that. */
        static ItemQuality of(Observations o) {
            if (o.backwardMoves == 0 && o.reopened == 0 && !o.createdInDone && o.fromMismatches == 0
                    && o.unmappedStates.isEmpty() && !o.skippedCommitment && !o.backBeforeCommitment
                    && o.transitionsAfterAsOf == 0) {
                return CLEAN;
            }
            return new ItemQuality(o.backwardMoves, o.reopened, o.createdInDone, o.fromMismatches, o.firstMismatch,
                    o.unmappedStates, o.skippedCommitment, o.backBeforeCommitment, o.transitionsAfterAsOf);
        }

        public boolean isClean() {
            return backwardMoves == 0 && reopened == 0 && !createdInDone && fromMismatches == 0
                    && unmappedStates.isEmpty() && !skippedCommitment && !backBeforeCommitment;
        }
    }

    /**
     * The observations of {@link ItemQuality} while they are being collected: filled field by field by the
     * walk of one item, turned into a value by {@link ItemQuality#of(Observations)}, and reused for the next
     * item (a walk of a million items makes no builder per item). Fields mean what the record's components do.
     */
    static final class Observations {
        int backwardMoves;
        int reopened;
        boolean createdInDone;
        int fromMismatches;
        String firstMismatch;
        List<String> unmappedStates = List.of();
        boolean skippedCommitment;
        boolean backBeforeCommitment;
        int transitionsAfterAsOf;
    }
}
