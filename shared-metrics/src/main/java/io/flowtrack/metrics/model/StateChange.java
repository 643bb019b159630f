package io.flowtrack.metrics.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of an item's tracker state.
 *
 * @param at   when it happened
 * @param from the state the tracker says the item left; may differ from the state the item was in
 *             (trackers sometimes skip a record): the timeline follows {@code to}
 * @param to   the state the item entered
 */
public record StateChange(Instant at, String from, String to) {
    public StateChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(to, "to");
    }
}
