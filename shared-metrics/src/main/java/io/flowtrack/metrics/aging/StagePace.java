package io.flowtrack.metrics.aging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ages (days since start) at which items finished in the window last moved past a stage, as
 * percentiles: the pace zones of the aging chart.
 */
public record StagePace(String stage, int count, Map<Integer, Integer> percentiles) {
    public StagePace {
        percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
    }
}
