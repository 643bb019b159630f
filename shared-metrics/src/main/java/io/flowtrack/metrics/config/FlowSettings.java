package io.flowtrack.metrics.config;

import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.model.InvalidHistoryException;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.ReportParameters;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a project's flow configuration every host shares (issue 15): the stages in flow order with the tracker
 * states of each, the commitment stage, the start policy, the SLE and the working calendar. Valid by construction:
 * the limits below, then the engine's own {@link Workflow#of}, so no host and the engine ever disagree on what is
 * valid. A host's configuration is this plus its own settings (Jira: issue summaries and the blocked field; Azure
 * DevOps: the blocked source); {@link FlowSettingsJson} reads and writes the shared JSON fields.
 *
 * @param stages          the stages in flow order; each stage's states are the tracker's (Jira status ids, Azure
 *                        Boards state names)
 * @param commitmentStage the stage where cycle time starts, or null for the engine's default (the first active or
 *                        waiting stage)
 * @param startPolicy     which start counts when an item re-enters the flow; null is the spec's default,
 *                        {@link StartPolicy#FIRST}
 * @param sle             the service-level expectation (the engine's one rule, {@link ReportRequest.Sle}), or null
 * @param calendar        the working calendar for working-day figures, or null for calendar days only
 */
public record FlowSettings(List<Stage> stages, String commitmentStage, StartPolicy startPolicy,
                           ReportRequest.Sle sle, WorkingCalendar calendar) {
    /** The most stages a configuration may have: a settings page an admin can read, and Jira's stage rows. */
    public static final int MAX_STAGES = 50;
    /** The longest stage name (Jira's column for it). */
    public static final int MAX_NAME_LENGTH = 100;
    /** The longest tracker state a stage may map (Jira's status ids are shorter still, by Jira's own rule). */
    public static final int MAX_STATE_LENGTH = 256;

    /** @throws IllegalArgumentException naming every problem, the workflow's among them */
    public FlowSettings {
        stages = List.copyOf(stages);
        startPolicy = startPolicy == null ? StartPolicy.FIRST : startPolicy;
        List<String> problems = new ArrayList<>();
        if (stages.isEmpty()) {
            problems.add("stages: at least one stage is required");
        }
        if (stages.size() > MAX_STAGES) {
            problems.add("stages: at most " + MAX_STAGES + " stages, got " + stages.size());
        }
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            if (stage.name().length() > MAX_NAME_LENGTH) {
                problems.add("stages[" + i + "].name: " + nameRule());
            }
            for (String state : stage.states()) {
                if (state.isBlank() || state.length() > MAX_STATE_LENGTH) {
                    problems.add("stages[" + i + "].states: " + stateRule());
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        workflow(stages, commitmentStage);
    }

    /** Without an SLE and a calendar, with the default start policy. */
    public FlowSettings(List<Stage> stages, String commitmentStage) {
        this(stages, commitmentStage, StartPolicy.FIRST, null, null);
    }

    /** The rule of a stage name, as the messages say it. */
    public static String nameRule() {
        return "1 to " + MAX_NAME_LENGTH + " characters";
    }

    /** The rule of a tracker state, as the messages say it. */
    public static String stateRule() {
        return "each state is 1 to " + MAX_STATE_LENGTH + " characters, not blank";
    }

    /** The engine's workflow of these stages. */
    public Workflow workflow() {
        return workflow(stages, commitmentStage);
    }

    /** The same settings with another SLE. */
    public FlowSettings withSle(ReportRequest.Sle newSle) {
        return new FlowSettings(stages, commitmentStage, startPolicy, newSle, calendar);
    }

    /**
     * The engine's request for a report of this project: the caller's choices, and where the caller chose none, this
     * configuration's start policy, SLE and calendar ({@link ReportParameters#withProjectDefaults}).
     */
    public ReportRequest request(ReportParameters parameters) {
        return parameters.withProjectDefaults(startPolicy, sle, calendar);
    }

    private static Workflow workflow(List<Stage> stages, String commitmentStage) {
        try {
            return Workflow.of(stages, commitmentStage);
        } catch (InvalidHistoryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
