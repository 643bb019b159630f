package io.flowtrack.jira.admin;

import io.flowtrack.jira.config.FlowConfig;
import io.flowtrack.metrics.model.Stage;
import io.flowtrack.jira.history.StatusHistory;
import io.flowtrack.metrics.calendar.WorkingCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * What the admin page template shows: plugin-owned values only (Strings, numbers, lists of {@link StageView}),
 * so the Velocity allow-list names FlowTrack's own accessors and never a Jira implementation class.
 *
 * @param projectKey   the project's key
 * @param projectName  its name
 * @param configured   whether the project has its own configuration (else the status-category default applies)
 * @param stages       the configured stages, in flow order; empty for the default
 * @param commitment   the commitment stage, or empty for the engine's default
 * @param startPolicy  first or last
 * @param sle          "14 days at 85%", or empty
 * @param titles       whether reports carry issue summaries
 * @param blockedField the field whose change history says when an issue was blocked
 * @param workingDays  the working calendar's weekdays ("MONDAY, TUESDAY, …"), or empty for no calendar
 * @param holidays     its holidays ("2024-12-25, 2024-12-26"), or empty
 * @param configJson   the configuration as JSON for the editor (the submitted text after a failed save)
 * @param notice       a message key to show ("saved", "reset") or empty
 * @param errors       what was wrong with a submitted configuration
 */
public record FlowConfigPage(String projectKey, String projectName, boolean configured, List<StageView> stages,
                             String commitment, String startPolicy, String sle, boolean titles, String blockedField,
                             String workingDays, String holidays, String configJson, String notice, List<String> errors) {
    public FlowConfigPage {
        stages = List.copyOf(stages);
        errors = List.copyOf(errors);
    }

    /** Whether a submitted configuration was refused (the template calls no JDK method). */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** One stage row of the page. */
    public record StageView(String name, String category, String statuses) {
    }

    static FlowConfigPage of(String key, String name, FlowConfig config, String json, String notice,
                             List<String> errors) {
        if (config == null) {
            return new FlowConfigPage(key, name, false, List.of(), "", "first", "", false,
                    StatusHistory.DEFAULT_BLOCKED_FIELD, "", "", json, notice, errors);
        }
        List<StageView> stages = config.stages().stream().map(FlowConfigPage::view).toList();
        String sle = config.sle() == null ? "" : config.sle().days() + (config.sle().percentile() == null ? ""
                : " / " + config.sle().percentile() + "%");
        return new FlowConfigPage(key, name, true, stages,
                config.commitmentStage() == null ? "" : config.commitmentStage(), config.startPolicy().jsonName(),
                sle, config.includeTitles(), config.blockedField(), workingDays(config.calendar()), holidays(config.calendar()), json, notice, errors);
    }

    private static String workingDays(WorkingCalendar calendar) {
        return calendar == null ? ""
                : String.join(", ", calendar.orderedWorkingDays().stream().map(DayOfWeek::name).toList());
    }

    private static String holidays(WorkingCalendar calendar) {
        return calendar == null ? "" : String.join(", ", calendar.holidays().stream().map(LocalDate::toString).toList());
    }

    /** Whether the project has a working calendar (the template calls no JDK method). */
    public boolean hasCalendar() {
        return !workingDays.isEmpty();
    }

    private static StageView view(Stage stage) {
        return new StageView(stage.name(), stage.category().jsonName(), String.join(", ", stage.states()));
    }
}
