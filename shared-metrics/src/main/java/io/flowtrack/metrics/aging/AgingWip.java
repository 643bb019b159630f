package io.flowtrack.metrics.aging;

import io.flowtrack.metrics.stats.Percentiles;
import io.flowtrack.metrics.timeline.ItemFacts;
import io.flowtrack.metrics.timeline.StageIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The aging-WIP chart: every started, unfinished item with its stage and age, and for each in-flow stage
 * the percentiles of the age at which items finished in the window last moved past it (the pace zones).
 * An item that skipped a stage moved past it when it jumped over it.
 */
public final class AgingWip {
    private AgingWip() {
    }

    /**
     * @param reported items reported (not removed)
     * @param finishedInWindow those of them finished in the window
     * @param asOfDay epoch day of asOf
     * @param sleDays the SLE in days, or null
     */
    public static Aging compute(List<ItemFacts> reported, List<ItemFacts> finishedInWindow,
                                       StageIndex stages, long asOfDay, List<Integer> percentiles, Integer sleDays) {
        List<AgingItem> aging = new ArrayList<>();
        for (ItemFacts f : reported) {
            int age = f.ageDays(asOfDay);
            if (age > 0) {
                aging.add(new AgingItem(f.id(), f.type(),
                        stages.workflow().stage(f.stageAtAsOf()).name(), age,
                        sleDays == null ? null : age > sleDays));
            }
        }
        Comparator<AgingItem> oldestFirst = Comparator.comparingInt(AgingItem::ageDays).reversed();
        aging.sort(oldestFirst);

        List<StagePace> pace = new ArrayList<>();
        int[][] ages = new int[stages.inFlowCount()][finishedInWindow.size()];
        int[] counts = new int[stages.inFlowCount()];
        for (ItemFacts f : finishedInWindow) {
            int[] pa = f.paceAgeDays();
            for (int o = 0; o < pa.length; o++) {
                if (pa[o] > 0) {
                    ages[o][counts[o]++] = pa[o];
                }
            }
        }
        for (int o = 0; o < stages.inFlowCount(); o++) {
            int[] values = Arrays.copyOf(ages[o], counts[o]);
            pace.add(new StagePace(stages.workflow().stage(stages.inFlowStage(o)).name(), values.length,
                    Percentiles.of(values, percentiles)));
        }
        return new Aging(aging, pace);
    }
}
