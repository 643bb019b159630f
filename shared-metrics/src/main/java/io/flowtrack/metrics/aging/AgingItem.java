package io.flowtrack.metrics.aging;

/** A started, unfinished item with its stage and age. */
public record AgingItem(String id, String type, String stage, int ageDays, Boolean beyondSle) {
}
