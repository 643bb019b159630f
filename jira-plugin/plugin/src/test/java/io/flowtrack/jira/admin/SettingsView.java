package io.flowtrack.jira.admin;

/**
 * For tests outside this package: runs the settings page's view command, which Jira's webwork calls but which is
 * protected on the action (as Jira's own JiraWebActionSupport#doExecute is).
 */
public final class SettingsView {
    private SettingsView() {
    }

    public static String run(FlowConfigAction action) {
        return action.doExecute();
    }
}
