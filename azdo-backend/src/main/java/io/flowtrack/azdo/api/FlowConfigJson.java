package io.flowtrack.azdo.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.azdo.report.ProjectFlowConfig;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.Category;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's flow configuration as the API and the store write it: category and start-policy names in
 * the lower case of the exchange formats ({@code "active"}, {@code "last"}), the SLE as {@code {"days", "percentile"}}
 * — the shape Jira's configuration has (issue 15: one JSON shape for the parts both hosts share).
 * Configurations stored before carry {@code sleDays}/{@code slePercentile}; they are still read ({@link #read}).
 */
public record FlowConfigJson(List<StageJson> stages, String commitmentStage, String startPolicy, SleJson sle,
                             CalendarJson calendar, BlockedJson blocked) {

    public FlowConfigJson(List<StageJson> stages, String commitmentStage, String startPolicy, SleJson sle) {
        this(stages, commitmentStage, startPolicy, sle, null, null);
    }

    /**
     * Reads the JSON form; the flat {@code sleDays}/{@code slePercentile} of configurations stored before the SLE
     * became an object are taken as that object (both forms at once are refused).
     */
    @JsonCreator
    static FlowConfigJson read(@JsonProperty("stages") List<StageJson> stages,
                               @JsonProperty("commitmentStage") String commitmentStage,
                               @JsonProperty("startPolicy") String startPolicy, @JsonProperty("sle") SleJson sle,
                               @JsonProperty("sleDays") Integer storedSleDays,
                               @JsonProperty("slePercentile") Integer storedSlePercentile,
                               @JsonProperty("calendar") CalendarJson calendar,
                               @JsonProperty("blocked") BlockedJson blocked) {
        if (storedSleDays != null || storedSlePercentile != null) {
            if (sle != null) {
                throw new IllegalArgumentException("sle: give the SLE once, as {\"days\", \"percentile\"}");
            }
            sle = new SleJson(storedSleDays, storedSlePercentile);
        }
        return new FlowConfigJson(stages, commitmentStage, startPolicy, sle, calendar, blocked);
    }

    /**
     * The service-level expectation: {@code percentile}% of items within {@code days} days; the percentile may be
     * left out (attainment only). Checked by the engine's one rule ({@link ReportRequest.Sle}).
     */
    public record SleJson(Integer days, Integer percentile) {
        /** @throws ApiException 400 naming what is wrong */
        ReportRequest.Sle toSle() {
            if (days == null) {
                throw ApiException.badRequest("sle.days: a whole number of days is required");
            }
            try {
                return new ReportRequest.Sle(days, percentile);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest((e.getMessage().contains("percentile") ? "sle.percentile: "
                        : "sle.days: ") + e.getMessage());
            }
        }

        static SleJson of(ReportRequest.Sle sle) {
            return sle == null ? null : new SleJson(sle.days(), sle.percentile());
        }
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
        /**
         * The engine's calendar, read by its one rule ({@link WorkingCalendar#of}, as in Jira); a bad value is a 400
         * naming it.
         */
        WorkingCalendar toCalendar() {
            try {
                return WorkingCalendar.of(workingDays, holidays);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
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
        WorkingCalendar workingCalendar = calendar == null ? null : calendar.toCalendar();
        return new ProjectFlowConfig(mappings, commitmentStage, policy, sle == null ? null : sle.toSle(),
                workingCalendar, blockedSource());
    }

    /** The JSON form of a workflow (the default one built from state categories, for instance). */
    public static FlowConfigJson of(Workflow workflow, ProjectFlowConfig config) {
        List<StageJson> stages = new ArrayList<>();
        workflow.stages().forEach(s -> stages.add(new StageJson(s.name(), s.category().jsonName(), s.states())));
        return new FlowConfigJson(stages, workflow.commitmentStage().name(),
                config == null || config.startPolicy() == null ? StartPolicy.FIRST.jsonName()
                        : config.startPolicy().jsonName(),
                config == null ? null : SleJson.of(config.sle()),
                config == null || config.calendar() == null ? null : CalendarJson.of(config.calendar()),
                BlockedJson.of(config == null ? BlockedSource.NONE : config.blocked()));
    }
}
