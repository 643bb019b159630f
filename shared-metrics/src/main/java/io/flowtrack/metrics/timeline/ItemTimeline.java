package io.flowtrack.metrics.timeline;

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

    // Scratch, reused item after item: the last moment the item moved past each stage, the stage after
    // each visible transition, and the end-of-day stage changes before they are copied out.
    private final Instant[] lastPass;
    private int[] stageAfter = new int[16];
    private long[] cfdSteps = new long[16];

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
        this.lastPass = new Instant[stages.size()];
    }

    /** The facts of an item as of {@code asOf}, or null when it was created after {@code asOf}. */
    public ItemFacts walk(WorkItem item) {
        if (item.created().isAfter(asOf)) {
            return null;
        }
        List<StateChange> changes = item.transitions();
        int visible = 0;
        while (visible < changes.size() && !changes.get(visible).at().isAfter(asOf)) {
            visible++;
        }

        List<String> unmapped = null;
        int initial = stages.workflow().indexOfState(item.initialState());
        if (initial < 0) {
            // Only reachable when unmapped states are ignored: the item waits in the first stage.
            unmapped = new ArrayList<>(2);
            unmapped.add(item.initialState());
            initial = 0;
        }
        if (stageAfter.length < visible) {
            stageAfter = new int[Math.max(visible, stageAfter.length * 2)];
        }
        if (cfdSteps.length < visible + 1) {
            cfdSteps = new long[Math.max(visible + 1, cfdSteps.length * 2)];
        }
        String currentState = item.initialState();
        int current = initial;
        Instant created = item.created();

        Instant firstStart = stages.committed(current) ? created : null;
        Instant lastCrossing = firstStart;
        int firstStartStage = firstStart == null ? -1 : current;
        int lastCrossingStage = firstStartStage;
        Instant lastDoneEntry = stages.done(current) ? created : null;
        int lastDoneEntryStage = lastDoneEntry == null ? -1 : current;
        int backward = 0;
        int reopened = 0;
        int mismatches = 0;
        String firstMismatch = null;
        Arrays.fill(lastPass, null);
        int createdPosition = stages.position(current);
        for (int s = 0; s < createdPosition; s++) {
            lastPass[s] = created;
        }

        long createdDay = clock.day(created);
        int cfdCount = 0;
        long pendingDay = createdDay;

        for (int t = 0; t < visible; t++) {
            StateChange change = changes.get(t);
            if (change.from() != null && !change.from().equals(currentState)) {
                if (mismatches == 0) {
                    firstMismatch = "transitions[" + t + "] at " + change.at() + " is from '" + change.from()
                            + "' but the item was in '" + currentState + "'";
                }
                mismatches++;
            }
            int next = stages.workflow().indexOfState(change.to());
            if (next < 0) {
                if (unmapped == null) {
                    unmapped = new ArrayList<>(2);
                }
                if (!unmapped.contains(change.to())) {
                    unmapped.add(change.to());
                }
                // The stage stays, but the tracker state is now the unmapped one: a later transition
                // from it is consistent history, not a fromMismatch.
                currentState = change.to();
                stageAfter[t] = current;
                continue;
            }
            long day = clock.day(change.at());
            if (day != pendingDay) {
                // The stage at the end of pendingDay is the stage before this change.
                if (cfdCount == 0 || ItemFacts.stepStage(cfdSteps[cfdCount - 1]) != current) {
                    cfdSteps[cfdCount++] = ItemFacts.step(pendingDay, current);
                }
                pendingDay = day;
            }
            currentState = change.to();
            if (next != current) {
                boolean wasCommitted = stages.committed(current);
                boolean nowCommitted = stages.committed(next);
                if (nowCommitted && !wasCommitted) {
                    if (firstStart == null) {
                        firstStart = change.at();
                        firstStartStage = next;
                    }
                    lastCrossing = change.at();
                    lastCrossingStage = next;
                }
                if (stages.done(next) && !stages.done(current)) {
                    lastDoneEntry = change.at();
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
                    lastPass[s] = change.at();
                }
                current = next;
            }
            stageAfter[t] = current;
        }
        if (cfdCount == 0 || ItemFacts.stepStage(cfdSteps[cfdCount - 1]) != current) {
            cfdSteps[cfdCount++] = ItemFacts.step(pendingDay, current);
        }

        boolean removed = stages.removed(current);
        Instant started = policy == StartPolicy.LAST ? lastCrossing : firstStart;
        Instant finished = stages.done(current) ? lastDoneEntry : null;
        int finishStage = finished == null ? -1 : lastDoneEntryStage;
        int startStage = policy == StartPolicy.LAST ? lastCrossingStage : firstStartStage;
        // An item created directly in done is reported as createdInDone alone, not twice.
        boolean bornDone = started == created && stages.done(initial);
        boolean skippedCommitment = started != null && startStage > stages.workflow().commitmentIndex() && !bornDone;

        long[] nanosInStage = NO_TIME;
        long activeNanos = 0;
        long flowNanos = 0;
        if (started != null && !removed) {
            nanosInStage = new long[stages.size()];
            Instant end = finished != null ? finished : asOf;
            Instant segmentStart = created;
            int segmentStage = initial;
            for (int t = 0; t <= visible; t++) {
                Instant segmentEnd = t < visible ? changes.get(t).at() : end;
                if (segmentEnd.isAfter(end)) {
                    segmentEnd = end;
                }
                Instant from = segmentStart.isBefore(started) ? started : segmentStart;
                if (segmentEnd.isAfter(from)) {
                    nanosInStage[segmentStage] += nanosBetween(from, segmentEnd);
                }
                if (t < visible) {
                    segmentStart = changes.get(t).at();
                    segmentStage = stageAfter[t];
                }
            }
            for (int s = 0; s < nanosInStage.length; s++) {
                if (stages.active(s)) {
                    activeNanos += nanosInStage[s];
                }
            }
            if (finished != null) {
                flowNanos = nanosBetween(started, finished);
            }
        }

        long blockedNanos = 0;
        boolean blockedNow = false;
        if (started != null && !removed && !item.blocked().isEmpty()) {
            blockedNanos = BlockedTime.nanos(item.blocked(), started, finished != null ? finished : asOf, asOf);
            blockedNow = finished == null && BlockedTime.coversAsOf(item.blocked(), asOf);
        }
        long startedDay = started == null ? ItemFacts.NO_DAY : clock.day(started);
        long finishedDay = finished == null ? ItemFacts.NO_DAY : clock.day(finished);
        int[] paceAges = null;
        if (finished != null && !removed) {
            paceAges = new int[stages.inFlowCount()];
            for (int o = 0; o < paceAges.length; o++) {
                Instant pass = lastPass[stages.inFlowStage(o)];
                paceAges[o] = pass == null ? -1 : (int) (clock.day(pass) - startedDay + 1);
            }
        }
        boolean backBeforeCommitment = started != null && finished == null && !removed
                && !stages.committed(current);
        ItemFacts.ItemQuality quality = ItemFacts.ItemQuality.of(backward, reopened,
                stages.done(initial), mismatches, firstMismatch, unmapped == null ? List.of() : unmapped,
                skippedCommitment, backBeforeCommitment, changes.size() - visible);
        return new ItemFacts(item.id(), item.type(), item.title(), current, removed, createdDay, startedDay,
                finishedDay, startStage, finishStage, nanosInStage, activeNanos, flowNanos, paceAges,
                Arrays.copyOf(cfdSteps, cfdCount), quality, blockedNanos, blockedNow);
    }

    static long nanosBetween(Instant a, Instant b) {
        return (b.getEpochSecond() - a.getEpochSecond()) * 1_000_000_000L + (b.getNano() - a.getNano());
    }
}
