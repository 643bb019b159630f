package io.flowtrack.metrics.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a stage means for flow: see flow-definitions.md, "Workflow". */
public enum Category {
    /** Not committed yet (backlog, to do). */
    PROPOSED,
    /** Committed, someone is working on it. */
    ACTIVE,
    /** Committed, queued or blocked. */
    WAITING,
    /** Delivered. */
    DONE,
    /** Discarded: an item whose state at {@code asOf} is removed is left out of every metric. */
    REMOVED;

    /** The lower-case name used in the JSON formats. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON name; empty when it is none of the five. */
    public static Optional<Category> fromJsonName(String name) {
        for (Category c : values()) {
            if (c.jsonName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The accepted JSON names, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(values()).map(Category::jsonName).collect(Collectors.joining(", "));
    }

    /** Committed categories: the default commitment stage is the first stage of one of these. */
    public boolean isCommitted() {
        return this == ACTIVE || this == WAITING;
    }
}
