package io.flowtrack.azdo.report;

import io.flowtrack.azdo.model.BlockedSource;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import io.flowtrack.metrics.config.FlowSettings;
import io.flowtrack.metrics.model.StartPolicy;
import io.flowtrack.metrics.model.Workflow;
import io.flowtrack.metrics.report.ReportRequest;
import java.util.Objects;

/**
 * An admin's flow configuration of one project, replacing the default workflow built from state categories: the
 * settings both hosts share ({@link FlowSettings}: stages with their Azure Boards states, commitment stage, start
 * policy, SLE, calendar; valid by construction) and where the project's blocked work comes from, for the sync.
 *
 * @param settings the shared flow settings
 * @param blocked  where the project's blocked work comes from ({@link BlockedSource#NONE} when null)
 */
public record ProjectFlowConfig(FlowSettings settings, BlockedSource blocked) {
    public ProjectFlowConfig {
        Objects.requireNonNull(settings, "settings");
        blocked = blocked == null ? BlockedSource.NONE : blocked;
    }

    /** Without a blocked source. */
    public ProjectFlowConfig(FlowSettings settings) {
        this(settings, BlockedSource.NONE);
    }

    /** The engine's workflow: states are Azure Boards state names. */
    public Workflow workflow() {
        return settings.workflow();
    }

    public StartPolicy startPolicy() {
        return settings.startPolicy();
    }

    public ReportRequest.Sle sle() {
        return settings.sle();
    }

    public WorkingCalendar calendar() {
        return settings.calendar();
    }
}
