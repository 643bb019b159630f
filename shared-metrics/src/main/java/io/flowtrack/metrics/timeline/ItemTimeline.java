package io.flowtrack.metrics.timeline;

import io.flowtrack.metrics.model.BlockedPeriod;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.StateChange;
import io.flowtrack.metrics.model.WorkItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks one item's state timeline and derives started and finished (the day and the stage entered),
 * time per stage, blocked time, the pace ages, the end-of-day stages for the CFD and the data-quality
 * observations. This is the only place the start policy is applied. One instance serves one report
 * computation (it keeps scratch arrays); it is not shared between threads.
 */
public final class ItemTimeline {
    /** Time per stage of an item that has not started: none (never written to). */
    private static final long[] NO_TIME = new long[0];

    private final StageIndex stages;
    private final DayClock clock;
    private final Instant asOf;
    private final StartPolicy policy;

    // Scratch, reused item after item: the walk's cursor (with its arrays) and the quality observations.
    private final Walk w;
    private final ItemFacts.Observations observations = new ItemFacts.Observations();

    /**
     * Unmapped states need no flag here: unless the caller ignores them, a history that has them is refused
     * (when built, or when a streamed report finishes), so the walk always skips them, noting each in the
     * item's quality.
     */
    public ItemTimeline(StageIndex stages, DayClock clock, Instant asOf, StartPolicy policy) {
        this.stages = stages;
        this.clock = clock;
        this.asOf = asOf;
        this.policy = policy;
        this.w = new Walk(stages, clock);
    }

    /** The facts of an item as of {@code asOf}, or null when it was created after {@code asOf}. */
    public ItemFacts walk(WorkItem item) {
        if (item.created().isAfter(asOf)) {
            return null;
        }
        List<StateChange> changes = item.transitions();
        int visible = visibleTransitions(changes);
        Walk w = this.w;
        w.begin(item, visible);
        for (int t = 0; t < visible; t++) {
            w.follow(t, changes.get(t));
        }
        w.closeDay(Long.MAX_VALUE);

        boolean removed = stages.removed(w.current);
        Instant started = policy == StartPolicy.LAST ? w.lastCrossing : w.firstStart;
        int startStage = policy == StartPolicy.LAST ? w.lastCrossingStage : w.firstStartStage;
        Instant finished = stages.done(w.current) ? w.lastDoneEntry : null;
        int finishStage = finished == null ? -1 : w.lastDoneEntryStage;
        boolean counted = started != null && !removed; // started items in the flow: time, blocked time
        Instant end = finished != null ? finished : asOf;

        long[] nanosInStage = counted ? timeInStage(changes, visible, w.created, w.initial, started, end) : NO_TIME;
        long activeNanos = activeNanos(nanosInStage);
        long flowNanos = counted && finished != null ? nanosBetween(started, finished) : 0;
        List<BlockedPeriod> blocked = item.blocked();
        boolean wasBlocked = counted && !blocked.isEmpty(); // most items never were: nothing to walk
        long blockedNanos = wasBlocked ? BlockedTime.nanos(blocked, started, end, asOf) : 0;
        boolean blockedNow = wasBlocked && finished == null && BlockedTime.coversAsOf(blocked, asOf);

        long startedDay = started == null ? ItemFacts.NO_DAY : clock.day(started);
        long finishedDay = finished == null ? ItemFacts.NO_DAY : clock.day(finished);
        int[] paceAges = finished != null && !removed ? paceAges(startedDay) : null;
        ItemFacts.ItemQuality quality = quality(started, startStage, finished, removed, changes.size() - visible);
        return new ItemFacts(item.id(), item.type(), item.title(), w.current, removed, w.createdDay, startedDay,
                finishedDay, startStage, finishStage, nanosInStage, activeNanos, flowNanos, paceAges,
                Arrays.copyOf(w.cfdSteps, w.cfdCount), quality, blockedNanos, blockedNow);
    }

    /** How many of the transitions (in time order) happened by {@code asOf}. */
    private int visibleTransitions(List<StateChange> changes) {
        int visible = 0;
        while (visible < changes.size() && !changes.get(visible).at().isAfter(asOf)) {
            visible++;
        }
        return visible;
    }

    /**
     * Time in each stage between {@code started} and {@code end}: the segments between the visible
     * transitions, each in the stage the item was in, cut to [started, end].
     */
    private long[] timeInStage(List<StateChange> changes, int visible, Instant created, int initial,
                               Instant started, Instant end) {
        long[] nanos = new long[stages.size()];
        Instant segmentStart = created;
        int segmentStage = initial;
        for (int t = 0; t <= visible; t++) {
            Instant segmentEnd = t < visible ? changes.get(t).at() : end;
            if (segmentEnd.isAfter(end)) {
                segmentEnd = end;
            }
            Instant from = segmentStart.isBefore(started) ? started : segmentStart;
            if (segmentEnd.isAfter(from)) {
                nanos[segmentStage] += nanosBetween(from, segmentEnd);
            }
            if (t < visible) {
                segmentStart = changes.get(t).at();
                segmentStage = w.stageAfter[t];
            }
        }
        return nanos;
    }

    private long activeNanos(long[] nanosInStage) {
        long active = 0;
        for (int s = 0; s < nanosInStage.length; s++) {
            if (stages.active(s)) {
                active += nanosInStage[s];
            }
        }
        return active;
    }

    /** Per in-flow stage, the age in days at which a finished item last moved past it, or -1 if it never did. */
    private int[] paceAges(long startedDay) {
        int[] ages = new int[stages.inFlowCount()];
        for (int o = 0; o < ages.length; o++) {
            Instant pass = w.lastPass[stages.inFlowStage(o)];
            ages[o] = pass == null ? -1 : (int) (clock.day(pass) - startedDay + 1);
        }
        return ages;
    }

    private ItemFacts.ItemQuality quality(Instant started, int startStage, Instant finished, boolean removed,
                                          int afterAsOf) {
        Walk w = this.w;
        boolean createdInDone = stages.done(w.initial);
        // An item created directly in done is reported as createdInDone alone, not twice.
        boolean bornDone = started == w.created && createdInDone;
        ItemFacts.Observations o = observations;
        o.backwardMoves = w.backward;
        o.reopened = w.reopened;
        o.createdInDone = createdInDone;
        o.fromMismatches = w.mismatches;
        o.firstMismatch = w.firstMismatch;
        o.unmappedStates = w.unmapped == null ? List.of() : w.unmapped;
        o.skippedCommitment = started != null && startStage > stages.workflow().commitmentIndex() && !bornDone;
        o.backBeforeCommitment = started != null && finished == null && !removed && !stages.committed(w.current);
        o.transitionsAfterAsOf = afterAsOf;
        return ItemFacts.ItemQuality.of(o);
    }

    /**
     * Where the walk of one item stands after each transition: the stage and tracker state the item is in,
     * the moments that decide started and finished, the quality observations, and the end-of-day stages
     * written so far, with its scratch arrays: the last moment the item moved past each stage, the stage after
     * each visible transition, and the end-of-day stage changes before they are copied out. One per timeline,
     * reset by {@link #begin} for each item.
     */
    private static final class Walk {
        final StageIndex stages;
        final DayClock clock;
        final Instant[] lastPass;
        int[] stageAfter = new int[16];
        long[] cfdSteps = new long[16];
        Instant created;
        long createdDay;
        int initial;
        String currentState;
        int current;
        Instant firstStart;
        int firstStartStage;
        Instant lastCrossing;
        int lastCrossingStage;
        Instant lastDoneEntry;
        int lastDoneEntryStage;
        int backward;
        int reopened;
        int mismatches;
        String firstMismatch;
        List<String> unmapped;
        int cfdCount;
        long pendingDay;

        Walk(StageIndex stages, DayClock clock) {
            this.stages = stages;
            this.clock = clock;
            this.lastPass = new Instant[stages.size()];
        }

        /**
         * The item as created: its stage, and, if it was created committed or done, its first moments; room for
         * its {@code visible} transitions.
         */
        void begin(WorkItem item, int visible) {
            if (stageAfter.length < visible) {
                stageAfter = new int[Math.max(visible, stageAfter.length * 2)];
            }
            if (cfdSteps.length < visible + 1) {
                cfdSteps = new long[Math.max(visible + 1, cfdSteps.length * 2)];
            }
            unmapped = null;
            initial = stages.workflow().indexOfState(item.initialState());
            if (initial < 0) {
                // Only reachable when unmapped states are ignored: the item waits in the first stage.
                unmapped = new ArrayList<>(2);
                unmapped.add(item.initialState());
                initial = 0;
            }
            currentState = item.initialState();
            current = initial;
            created = item.created();
            firstStart = stages.committed(current) ? created : null;
            firstStartStage = firstStart == null ? -1 : current;
            lastCrossing = firstStart;
            lastCrossingStage = firstStartStage;
            lastDoneEntry = stages.done(current) ? created : null;
            lastDoneEntryStage = lastDoneEntry == null ? -1 : current;
            backward = 0;
            reopened = 0;
            mismatches = 0;
            firstMismatch = null;
            Arrays.fill(lastPass, null);
            int createdPosition = stages.position(current);
            for (int s = 0; s < createdPosition; s++) {
                lastPass[s] = created;
            }
            createdDay = clock.day(created);
            cfdCount = 0;
            pendingDay = createdDay;
        }

        /** The {@code t}-th visible transition. */
        void follow(int t, StateChange change) {
            if (change.from() != null && !change.from().equals(currentState)) {
                if (mismatches == 0) {
                    firstMismatch = "transitions[" + t + "] at " + change.at() + " is from '" + change.from()
                            + "' but the item was in '" + currentState + "'";
                }
                mismatches++;
            }
            // The tracker state is now the new one even when no stage maps it: a later transition from it
            // is consistent history, not a fromMismatch.
            currentState = change.to();
            int next = stages.workflow().indexOfState(change.to());
            if (next < 0) {
                noteUnmapped(change.to()); // the stage stays
            } else {
                closeDay(clock.day(change.at()));
                if (next != current) {
                    move(next, change.at());
                }
            }
            stageAfter[t] = current;
        }

        private void noteUnmapped(String state) {
            if (unmapped == null) {
                unmapped = new ArrayList<>(2);
            }
            if (!unmapped.contains(state)) {
                unmapped.add(state);
            }
        }

        /**
         * A mapped transition on {@code day}: if that is a later day than the pending one, the stage at the end
         * of the pending day is the stage before this change, written as a CFD step unless it is unchanged.
         * {@code Long.MAX_VALUE} closes the last day.
         */
        void closeDay(long day) {
            if (day != pendingDay) {
                if (cfdCount == 0 || ItemFacts.stepStage(cfdSteps[cfdCount - 1]) != current) {
                    cfdSteps[cfdCount++] = ItemFacts.step(pendingDay, current);
                }
                pendingDay = day;
            }
        }

        /** A move to another stage at {@code at}: commitment crossed, done entered or left, backward, passed. */
        private void move(int next, Instant at) {
            if (stages.committed(next) && !stages.committed(current)) {
                if (firstStart == null) {
                    firstStart = at;
                    firstStartStage = next;
                }
                lastCrossing = at;
                lastCrossingStage = next;
            }
            if (stages.done(next) && !stages.done(current)) {
                lastDoneEntry = at;
                lastDoneEntryStage = next;
            }
            if (stages.done(current) && !stages.done(next) && !stages.removed(next)) {
                reopened++;
            }
            int from = stages.position(current);
            int to = stages.position(next);
            if (!stages.removed(current) && !stages.removed(next) && to < from) {
                backward++;
            }
            for (int s = Math.max(from, 0); s < to; s++) {
                lastPass[s] = at;
            }
            current = next;
        }
    }

    static long nanosBetween(Instant a, Instant b) {
        return (b.getEpochSecond() - a.getEpochSecond()) * 1_000_000_000L + (b.getNano() - a.getNano());
    }
}
