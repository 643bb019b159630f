package io.flowtrack.metrics.model;

import java.util.List;
import java.util.Objects;

/**
 * One stage of a workflow: a name, a category, and the tracker states mapped onto it.
 *
 * @param name     the stage's display name, unique within its workflow
 * @param category what the stage means for flow
 * @param states   the tracker states (Jira statuses, Azure Boards states) that map onto it
 */
public record Stage(String name, Category category, List<String> states) {
    public Stage {
        Objects.requireNonNull(name, "stage name");
        Objects.requireNonNull(category, "stage category");
        states = List.copyOf(states);
        if (name.isBlank()) {
            throw new IllegalArgumentException("stage name must not be blank");
        }
    }

    public static Stage of(String name, Category category, String... states) {
        return new Stage(name, category, List.of(states));
    }
}
