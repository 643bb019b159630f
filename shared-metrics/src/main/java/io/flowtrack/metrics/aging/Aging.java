package io.flowtrack.metrics.aging;

import java.util.List;

/** The aging-WIP chart: each started, unfinished item, and the pace zones of each in-flow stage. */
public record Aging(List<AgingItem> items, List<StagePace> pace) {
    public Aging {
        items = List.copyOf(items);
        pace = List.copyOf(pace);
    }
}
