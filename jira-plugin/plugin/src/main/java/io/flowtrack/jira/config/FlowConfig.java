package io.flowtrack.jira.config;

import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.metrics.calendar.WorkingCalendar;
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
 * start policy, whether issue summaries are read at all, the field whose change history says when an issue was
 * blocked, and the working calendar for working-day figures. Valid by construction: the engine's own
 * {@link Workflow#of} checks the stages, so the plugin and the engine never disagree on what is valid.
 *
 * @param stages          the stages in flow order
 * @param commitmentStage the stage where cycle time starts, or null for the engine's default
 * @param startPolicy     which start counts when an item re-enters the flow
 * @param sle             the service-level expectation, or null
 * @param includeTitles   whether reports carry issue summaries (off by default: data minimisation)
 * @param blockedField    the change-history field that means "blocked" (a value set = blocked); null for the default,
 *                        Jira Software's {@value StatusHistory#DEFAULT_BLOCKED_FIELD}
 * @param calendar        the working weekdays and holidays for working-day figures, or null for none (the engine's
 *                        own {@link WorkingCalendar} validates it)
 */
public record FlowConfig(List<StageConfig> stages, String commitmentStage, StartPolicy startPolicy,
                         ReportRequest.Sle sle, boolean includeTitles, String blockedField,
                         WorkingCalendar calendar) {
    /** Limits that keep a configuration within its database columns and a page an admin can read. */
    public static final int MAX_STAGES = 50;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_STATUS_ID_LENGTH = 32;
    /** Jira's limit on a custom field's name, and the column that stores the blocked field. */
    public static final int MAX_FIELD_NAME_LENGTH = 255;

    public FlowConfig {
        stages = List.copyOf(stages);
        Objects.requireNonNull(startPolicy, "startPolicy");
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

    /** Without a blocked field of its own (Flagged) and without a working calendar. */
    public FlowConfig(List<StageConfig> stages, String commitmentStage, StartPolicy startPolicy,
                      ReportRequest.Sle sle, boolean includeTitles) {
        this(stages, commitmentStage, startPolicy, sle, includeTitles, null, null);
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
