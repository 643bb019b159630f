package io.flowtrack.metrics.model;

import java.util.Locale;
import java.util.Optional;

/** When an item that crossed the commitment point more than once counts as started. */
public enum StartPolicy {
    /** The first moment the item is at or past the commitment stage (the default). */
    FIRST,
    /** The last moment the item crossed from before the commitment stage to at or past it. */
    LAST;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StartPolicy> fromJsonName(String name) {
        for (StartPolicy p : values()) {
            if (p.jsonName().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
