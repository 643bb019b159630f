package io.flowtrack.jira.config;

import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.config.FlowSettings;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A project's flow configuration, refining the default built from status categories: the settings both hosts share
 * ({@link FlowSettings}: stage order, the statuses of each stage by id, waiting stages, the commitment stage, the
 * start policy, the SLE, the working calendar), plus whether issue summaries are read at all and the field whose change
 * history says when an issue was blocked. Valid by construction: the engine's {@link FlowSettings} checks the shared
 * part (its limits and {@link Workflow#of}), this record the statuses as Jira status ids and the blocked field.
 *
 * @param settings      the shared flow settings; a stage's states are Jira status ids
 * @param includeTitles whether reports carry issue summaries (off by default: data minimisation)
 * @param blockedField  the change-history field that means "blocked" (a value set = blocked); null for the default,
 *                      Jira Software's {@value StatusHistory#DEFAULT_BLOCKED_FIELD}
 */
public record FlowConfig(FlowSettings settings, boolean includeTitles, String blockedField) {
    /** Limits that keep a configuration within its database columns and a page an admin can read. */
    public static final int MAX_STAGES = FlowSettings.MAX_STAGES;
    public static final int MAX_NAME_LENGTH = FlowSettings.MAX_NAME_LENGTH;
    public static final int MAX_STATUS_ID_LENGTH = 32;
    /** Jira's limit on a custom field's name, and the column that stores the blocked field. */
    public static final int MAX_FIELD_NAME_LENGTH = 255;

    public FlowConfig {
        Objects.requireNonNull(settings, "settings");
        blockedField = blockedField == null ? StatusHistory.DEFAULT_BLOCKED_FIELD : blockedField;
        List<String> problems = new ArrayList<>();
        if (blockedField.isBlank() || blockedField.length() > MAX_FIELD_NAME_LENGTH
                || !blockedField.strip().equals(blockedField)) {
            problems.add("blockedField: a field name of 1 to " + MAX_FIELD_NAME_LENGTH
                    + " characters without leading or trailing spaces");
        } else if (blockedField.equals(StatusHistory.STATUS_FIELD)) {
            problems.add("blockedField: the status is not a blocked field; name a field such as "
                    + StatusHistory.DEFAULT_BLOCKED_FIELD);
        }
        List<Stage> stages = settings.stages();
        for (int i = 0; i < stages.size(); i++) {
            for (String id : stages.get(i).states()) {
                if (id.length() > MAX_STATUS_ID_LENGTH || !id.chars().allMatch(Character::isDigit)) {
                    problems.add("stages[" + i + "].statuses: '" + id + "' is not a Jira status id");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /**
     * From its parts.
     *
     * @param startPolicy null for the default, first
     * @param calendar    null for none (the engine's own {@link WorkingCalendar} validates it)
     * @throws IllegalArgumentException naming every problem
     */
    public FlowConfig(List<Stage> stages, String commitmentStage, StartPolicy startPolicy,
                      ReportRequest.Sle sle, boolean includeTitles, String blockedField,
                      WorkingCalendar calendar) {
        this(new FlowSettings(stages, commitmentStage, startPolicy, sle, calendar), includeTitles, blockedField);
    }

    /** Without a blocked field of its own (Flagged) and without a working calendar. */
    public FlowConfig(List<Stage> stages, String commitmentStage, StartPolicy startPolicy,
                      ReportRequest.Sle sle, boolean includeTitles) {
        this(stages, commitmentStage, startPolicy, sle, includeTitles, null, null);
    }

    /** The stages in flow order; a stage's states are Jira status ids. */
    public List<Stage> stages() {
        return settings.stages();
    }

    /** The stage where cycle time starts, or null for the engine's default. */
    public String commitmentStage() {
        return settings.commitmentStage();
    }

    public StartPolicy startPolicy() {
        return settings.startPolicy();
    }

    /** The service-level expectation, or null. */
    public ReportRequest.Sle sle() {
        return settings.sle();
    }

    /** The working calendar, or null for none. */
    public WorkingCalendar calendar() {
        return settings.calendar();
    }

    /** The engine's workflow: states are Jira status ids. */
    public Workflow workflow() {
        return settings.workflow();
    }
}
