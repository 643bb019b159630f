package io.flowtrack.azdo.api;

import io.flowtrack.azdo.extract.ProjectFlowConfig;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's flow configuration as the API and the store write it: category and start-policy names in
 * the lower case of the exchange formats ({@code "active"}, {@code "last"}).
 */
public record FlowConfigJson(List<StageJson> stages, String commitmentStage, String startPolicy, Integer sleDays,
                             Integer slePercentile) {

    /** One stage: its name, category and the Azure Boards states mapped onto it. */
    public record StageJson(String name, String category, List<String> states) {
    }

    /** The engine-facing configuration; a bad name is a 400 naming it. */
    public ProjectFlowConfig toConfig() {
        if (stages == null || stages.isEmpty()) {
            throw ApiException.badRequest("stages: at least one stage is required");
        }
        List<ProjectFlowConfig.StageMapping> mappings = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StageJson s = stages.get(i);
            if (s == null || s.name() == null || s.name().isBlank()) {
                throw ApiException.badRequest("stages[" + i + "].name is required");
            }
            String where = "stages[" + i + "]";
            Category category = Category.fromJsonName(s.category() == null ? "" : s.category()).orElseThrow(
                    () -> ApiException.badRequest(where + ".category must be one of " + Category.acceptedNames()));
            mappings.add(new ProjectFlowConfig.StageMapping(s.name(), category,
                    s.states() == null ? List.of() : s.states()));
        }
        StartPolicy policy = startPolicy == null ? null : StartPolicy.fromJsonName(startPolicy).orElseThrow(
                () -> ApiException.badRequest("startPolicy must be first or last"));
        return new ProjectFlowConfig(mappings, commitmentStage, policy, sleDays, slePercentile);
    }

    /** The JSON form of a workflow (the default one built from state categories, for instance). */
    public static FlowConfigJson of(Workflow workflow, ProjectFlowConfig config) {
        List<StageJson> stages = new ArrayList<>();
        workflow.stages().forEach(s -> stages.add(new StageJson(s.name(), s.category().jsonName(), s.states())));
        return new FlowConfigJson(stages, workflow.commitmentStage().name(),
                config == null || config.startPolicy() == null ? StartPolicy.FIRST.jsonName()
                        : config.startPolicy().jsonName(),
                config == null ? null : config.sleDays(), config == null ? null : config.slePercentile());
    }
}
