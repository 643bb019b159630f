package io.flowtrack.jira.config;

import io.flowtrack.metrics.model.InvalidHistoryException;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A project's flow configuration, refining the default built from status categories: stage order, the
 * statuses of each stage, waiting stages (category {@code waiting}), the commitment stage, the SLE, the
 * start policy, and whether issue summaries are read at all. Valid by construction: the engine's own
 * {@link Workflow#of} checks the stages, so the plugin and the engine never disagree on what is valid.
 *
 * @param stages          the stages in flow order
 * @param commitmentStage the stage where cycle time starts, or null for the engine's default
 * @param startPolicy     which start counts when an item re-enters the flow
 * @param sle             the service-level expectation, or null
 * @param includeTitles   whether reports carry issue summaries (off by default: data minimisation)
 */
public record FlowConfig(List<StageConfig> stages, String commitmentStage, StartPolicy startPolicy,
                         ReportRequest.Sle sle, boolean includeTitles) {
    /** Limits that keep a configuration within its database columns and a page an admin can read. */
    public static final int MAX_STAGES = 50;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_STATUS_ID_LENGTH = 32;

    public FlowConfig {
        stages = List.copyOf(stages);
        Objects.requireNonNull(startPolicy, "startPolicy");
        List<String> problems = new ArrayList<>();
        if (stages.size() > MAX_STAGES) {
            problems.add("stages: at most " + MAX_STAGES + " stages, got " + stages.size());
        }
        for (int i = 0; i < stages.size(); i++) {
            StageConfig stage = stages.get(i);
            if (stage.name().isBlank() || stage.name().length() > MAX_NAME_LENGTH) {
                problems.add("stages[" + i + "].name: 1 to " + MAX_NAME_LENGTH + " characters");
            }
            for (String id : stage.statusIds()) {
                if (id.isEmpty() || id.length() > MAX_STATUS_ID_LENGTH || !id.chars().allMatch(Character::isDigit)) {
                    problems.add("stages[" + i + "].statuses: '" + id + "' is not a Jira status id");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        try {
            toWorkflow(stages, commitmentStage);
        } catch (InvalidHistoryException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The engine's workflow: states are Jira status ids. */
    public Workflow workflow() {
        return toWorkflow(stages, commitmentStage);
    }

    private static Workflow toWorkflow(List<StageConfig> stages, String commitmentStage) {
        return Workflow.of(stages.stream().map(s -> new Stage(s.name(), s.category(), s.statusIds())).toList(),
                commitmentStage);
    }
}
