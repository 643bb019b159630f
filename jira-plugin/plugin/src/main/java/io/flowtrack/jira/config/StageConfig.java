package io.flowtrack.jira.config;

import io.flowtrack.metrics.model.Category;
import java.util.List;
import java.util.Objects;

/**
 * One configured stage: its name, its flow category and the Jira status ids that belong to it.
 * Statuses are kept by id, never by name: names get renamed, ids do not.
 */
public record StageConfig(String name, Category category, List<String> statusIds) {
    public StageConfig {
        Objects.requireNonNull(name, "stage name");
        Objects.requireNonNull(category, "stage category");
        statusIds = List.copyOf(statusIds);
    }
}
