package io.flowtrack.metrics.quality;

import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.StageIndex;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the per-item observations of the timeline walk into findings a user can read: what in an item's
 * data bends its numbers, and how.
 */
public final class DataQualityFindings {
    private DataQualityFindings() {
    }

    public static DataQuality compute(List<ItemFacts> reported, StageIndex stages) {
        Map<Finding.Kind, Integer> counts = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind kind : Finding.Kind.values()) {
            counts.put(kind, 0);
        }
        List<ItemFindings> items = new ArrayList<>();
        String commitment = stages.workflow().commitmentStage().name();
        for (ItemFacts f : reported) {
            ItemFacts.ItemQuality q = f.quality();
            if (q.isClean()) {
                continue;
            }
            List<Finding> findings = new ArrayList<>();
            if (q.backwardMoves() > 0) {
                findings.add(new Finding(Finding.Kind.BACKWARD_MOVES, q.backwardMoves(),
                        "moved back to an earlier stage " + times(q.backwardMoves())
                                + "; time spent again in earlier stages counts in its cycle time"));
            }
            if (q.reopened() > 0) {
                findings.add(new Finding(Finding.Kind.REOPENED, q.reopened(),
                        "reopened " + times(q.reopened()) + " after being done; it finishes when it last enters done"));
            }
            if (q.createdInDone()) {
                findings.add(new Finding(Finding.Kind.CREATED_IN_DONE, 1,
                        "created directly in a done state: it starts and finishes at creation, cycle time 1 day"));
            }
            if (q.fromMismatches() > 0) {
                findings.add(new Finding(Finding.Kind.FROM_MISMATCH, q.fromMismatches(),
                        q.fromMismatches() + " transition(s) left a state the item was not in (the history skips a"
                                + " record); the timeline follows where it went. First: " + q.firstMismatch()));
            }
            if (!q.unmappedStates().isEmpty()) {
                findings.add(new Finding(Finding.Kind.UNMAPPED_STATES, q.unmappedStates().size(),
                        "states no stage maps were skipped: " + String.join(", ", q.unmappedStates())
                                + "; the item stayed in its previous stage"));
            }
            if (q.skippedCommitment()) {
                findings.add(new Finding(Finding.Kind.STARTED_PAST_COMMITMENT, 1,
                        "started without passing through the commitment stage '" + commitment
                                + "': it skipped ahead or was created further along"));
            }
            if (q.backBeforeCommitment()) {
                findings.add(new Finding(Finding.Kind.BACK_BEFORE_COMMITMENT, 1,
                        "started, then moved back before the commitment stage '" + commitment
                                + "'; it still counts as work in progress and keeps aging"));
            }
            for (Finding finding : findings) {
                counts.merge(finding.kind(), 1, Integer::sum);
            }
            items.add(new ItemFindings(f.id(), findings));
        }
        return new DataQuality(counts, items);
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
