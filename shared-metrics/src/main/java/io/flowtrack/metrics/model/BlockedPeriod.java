package io.flowtrack.metrics.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A period in which an item was blocked (flagged as an impediment, its blocked field Yes, or carrying the
 * blocking tag). Blocked time changes no other number: the item stays in its stage.
 *
 * @param from when the block began
 * @param to   when it ended, or null while the item is still blocked
 */
public record BlockedPeriod(Instant from, Instant to) {

    public BlockedPeriod {
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("blocked period ends (" + to + ") before it begins (" + from + ")");
        }
    }
}
