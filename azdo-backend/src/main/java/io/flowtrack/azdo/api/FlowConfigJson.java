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
                             Integer slePercentile, CalendarJson calendar) {

    public FlowConfigJson(List<StageJson> stages, String commitmentStage, String startPolicy, Integer sleDays,
                          Integer slePercentile) {
        this(stages, commitmentStage, startPolicy, sleDays, slePercentile, null);
    }

    /**
     * The project's working calendar: working days ({@code MONDAY} … {@code SUNDAY}) and non-working dates. Stored
     * and validated; the engine does not use it yet (docs/azdo-extension.md).
     */
    public record CalendarJson(List<String> workingDays, List<String> holidays) {
        static final int MAX_HOLIDAYS = 400;

        /** @throws ApiException 400 naming the first bad value */
        void validate() {
            if (workingDays == null || workingDays.isEmpty()) {
                throw ApiException.badRequest("calendar.workingDays: at least one working day");
            }
            java.util.Set<java.time.DayOfWeek> seen = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
            for (String d : workingDays) {
                try {
                    if (!seen.add(java.time.DayOfWeek.valueOf(String.valueOf(d)))) {
                        throw ApiException.badRequest("calendar.workingDays: " + d + " is named twice");
                    }
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("calendar.workingDays: each is one of MONDAY … SUNDAY");
                }
            }
            if (holidays != null) {
                if (holidays.size() > MAX_HOLIDAYS) {
                    throw ApiException.badRequest("calendar.holidays: at most " + MAX_HOLIDAYS);
                }
                for (String h : holidays) {
                    try {
                        java.time.LocalDate.parse(String.valueOf(h));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw ApiException.badRequest("calendar.holidays: each is a date such as 2026-12-25");
                    }
                }
            }
        }
    }

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
