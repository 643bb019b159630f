package io.flowtrack.azdo.extract;

import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;

import java.util.List;
import java.util.Objects;

/**
 * An admin's flow configuration of one project, replacing the default workflow built from state
 * categories. Start policy and SLE are carried for the report API; the assembler uses stages and the
 * commitment stage.
 *
 * @param stages          the stages in flow order, each with its states
 * @param commitmentStage the stage where cycle time starts, or null for the engine's default
 * @param startPolicy     first (default when null) or last
 * @param sleDays         service-level expectation in days, or null
 * @param slePercentile   the SLE's percentile, or null
 */
public record ProjectFlowConfig(List<StageMapping> stages, String commitmentStage, StartPolicy startPolicy,
                                Integer sleDays, Integer slePercentile) {
    public ProjectFlowConfig {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a flow configuration needs at least one stage");
        }
    }

    /** One configured stage. */
    public record StageMapping(String name, Category category, List<String> states) {
        public StageMapping {
            Objects.requireNonNull(name, "stage name");
            Objects.requireNonNull(category, "stage category");
            states = List.copyOf(states);
        }
    }
}
