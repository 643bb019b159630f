package io.flowtrack.azdo.api;

import io.flowtrack.azdo.extract.ProjectFlowConfig;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.metrics.calendar.WorkingCalendar;
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
                             Integer slePercentile, CalendarJson calendar, BlockedJson blocked) {

    public FlowConfigJson(List<StageJson> stages, String commitmentStage, String startPolicy, Integer sleDays,
                          Integer slePercentile) {
        this(stages, commitmentStage, startPolicy, sleDays, slePercentile, null, null);
    }

    public FlowConfigJson(List<StageJson> stages, String commitmentStage, String startPolicy, Integer sleDays,
                          Integer slePercentile, CalendarJson calendar) {
        this(stages, commitmentStage, startPolicy, sleDays, slePercentile, calendar, null);
    }

    /**
     * Where blocked work comes from: {@code {"source": "none"}} (the default, also when absent), {@code {"source":
     * "field"}} (Microsoft.VSTS.CMMI.Blocked, where the process has it) or {@code {"source": "tag", "tag": "Blocked"}}
     * (the tag defaults to {@value BlockedSource#DEFAULT_TAG}; it is read only with source tag).
     */
    public record BlockedJson(String source, String tag) {
        /** @throws ApiException 400 naming what is wrong */
        BlockedSource toSource() {
            String s = source == null ? "none" : source;
            return switch (s) {
                case "none" -> BlockedSource.NONE;
                case "field" -> BlockedSource.field();
                case "tag" -> {
                    String name = tag == null ? BlockedSource.DEFAULT_TAG : tag;
                    String refusal = BlockedSource.tagRefusal(name);
                    if (refusal != null) {
                        throw ApiException.badRequest(refusal);
                    }
                    yield BlockedSource.tag(name);
                }
                default -> throw ApiException.badRequest("blocked.source must be none, field or tag");
            };
        }

        /** The JSON form of a source: the tag only with source tag. */
        public static BlockedJson of(BlockedSource source) {
            return new BlockedJson(source.kind().name().toLowerCase(java.util.Locale.ROOT), source.tag());
        }
    }

    /** The blocked source this configuration names (none when it names none). */
    public BlockedSource blockedSource() {
        return blocked == null ? BlockedSource.NONE : blocked.toSource();
    }

    /**
     * The project's working calendar: working days ({@code MONDAY} … {@code SUNDAY}) and non-working dates. Reports
     * add working-day figures with it (flow-definitions.md, "Working days (optional)").
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

        /** The engine's calendar (call after {@link #validate()}). */
        WorkingCalendar toCalendar() {
            java.util.Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
            workingDays.forEach(d -> days.add(java.time.DayOfWeek.valueOf(d)));
            List<java.time.LocalDate> dates = new ArrayList<>();
            if (holidays != null) {
                holidays.forEach(h -> dates.add(java.time.LocalDate.parse(h)));
            }
            return new WorkingCalendar(days, dates);
        }

        /** The JSON form of an engine calendar. */
        static CalendarJson of(WorkingCalendar calendar) {
            return new CalendarJson(calendar.orderedWorkingDays().stream().map(Enum::name).toList(),
                    calendar.holidays().stream().map(java.time.LocalDate::toString).toList());
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
        WorkingCalendar workingCalendar = null;
        if (calendar != null) {
            calendar.validate();
            workingCalendar = calendar.toCalendar();
        }
        return new ProjectFlowConfig(mappings, commitmentStage, policy, sleDays, slePercentile, workingCalendar,
                blockedSource());
    }

    /** The JSON form of a workflow (the default one built from state categories, for instance). */
    public static FlowConfigJson of(Workflow workflow, ProjectFlowConfig config) {
        List<StageJson> stages = new ArrayList<>();
        workflow.stages().forEach(s -> stages.add(new StageJson(s.name(), s.category().jsonName(), s.states())));
        return new FlowConfigJson(stages, workflow.commitmentStage().name(),
                config == null || config.startPolicy() == null ? StartPolicy.FIRST.jsonName()
                        : config.startPolicy().jsonName(),
                config == null ? null : config.sleDays(), config == null ? null : config.slePercentile(),
                config == null || config.calendar() == null ? null : CalendarJson.of(config.calendar()),
                BlockedJson.of(config == null ? BlockedSource.NONE : config.blocked()));
    }
}
