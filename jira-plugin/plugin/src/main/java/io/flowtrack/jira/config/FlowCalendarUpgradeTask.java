package io.flowtrack.jira.config;

/**
 * Model version 3: adds the blocked field and the working calendar to a project's configuration ({@code FLOW_CONFIG}'s
 * {@code BLOCKED_FIELD}, {@code WORKING_DAYS}, {@code HOLIDAYS}). Migrating only adds columns: configurations saved
 * before keep every value, read the default blocked field (Flagged) and have no calendar until an admin sets one.
 */
public final class FlowCalendarUpgradeTask extends MigrateEntitiesTask {
    public static final String VERSION = "3";

    public FlowCalendarUpgradeTask() {
        super(VERSION);
    }
}
