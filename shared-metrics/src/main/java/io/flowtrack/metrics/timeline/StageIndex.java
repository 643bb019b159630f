package io.flowtrack.metrics.timeline;

import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.Workflow;
import java.util.Arrays;

/**
 * Precomputed facts about a workflow's stages that the per-item walk needs on every step.
 * "Position" orders stages for forward and backward; removed stages sit before everything
 * (position -1), since a removed item is out of the flow.
 */
public final class StageIndex {
    private final Workflow workflow;
    private final boolean[] committed;
    private final boolean[] done;
    private final boolean[] removed;
    private final boolean[] active;
    private final int[] inFlow;

    public StageIndex(Workflow workflow) {
        this.workflow = workflow;
        int n = workflow.size();
        committed = new boolean[n];
        done = new boolean[n];
        removed = new boolean[n];
        active = new boolean[n];
        int[] flow = new int[n];
        int flowCount = 0;
        for (int i = 0; i < n; i++) {
            Category c = workflow.category(i);
            committed[i] = workflow.isCommitted(i);
            done[i] = c == Category.DONE;
            removed[i] = c == Category.REMOVED;
            active[i] = c == Category.ACTIVE;
            if (committed[i] && !done[i]) {
                flow[flowCount++] = i;
            }
        }
        inFlow = Arrays.copyOf(flow, flowCount);
    }

    public Workflow workflow() {
        return workflow;
    }

    public int size() {
        return committed.length;
    }

    public boolean committed(int stage) {
        return committed[stage];
    }

    public boolean done(int stage) {
        return done[stage];
    }

    public boolean removed(int stage) {
        return removed[stage];
    }

    public boolean active(int stage) {
        return active[stage];
    }

    public int position(int stage) {
        return removed[stage] ? -1 : stage;
    }

    /** How many stages lie between commitment and done (not done, not removed): where an item ages. */
    public int inFlowCount() {
        return inFlow.length;
    }

    /** The stage index of the {@code ordinal}-th of those stages, in workflow order. */
    public int inFlowStage(int ordinal) {
        return inFlow[ordinal];
    }
}
