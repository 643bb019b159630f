package io.flowtrack.azdo.extract;

import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;

import java.util.List;
import java.util.Objects;

/**
 * An admin's flow configuration of one project, replacing the default workflow built from state
 * categories. Start policy, SLE and calendar are carried for the report API, the blocked source for the sync; the
 * assembler uses stages and the commitment stage.
 *
 * @param stages          the stages in flow order, each with its states
 * @param commitmentStage the stage where cycle time starts, or null for the engine's default
 * @param startPolicy     first (default when null) or last
 * @param sleDays         service-level expectation in days, or null
 * @param slePercentile   the SLE's percentile, or null
 * @param calendar        the working calendar the project's reports add working-day figures with, or null for none
 * @param blocked         where the project's blocked work comes from ({@link BlockedSource#NONE} when null)
 */
public record ProjectFlowConfig(List<StageMapping> stages, String commitmentStage, StartPolicy startPolicy,
                                Integer sleDays, Integer slePercentile, WorkingCalendar calendar,
                                BlockedSource blocked) {
    public ProjectFlowConfig {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a flow configuration needs at least one stage");
        }
        blocked = blocked == null ? BlockedSource.NONE : blocked;
    }

    /** Without a calendar and without a blocked source. */
    public ProjectFlowConfig(List<StageMapping> stages, String commitmentStage, StartPolicy startPolicy,
                             Integer sleDays, Integer slePercentile) {
        this(stages, commitmentStage, startPolicy, sleDays, slePercentile, null, BlockedSource.NONE);
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
