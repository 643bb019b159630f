package io.flowtrack.jira.config;

/**
 * Model version 1 of FlowTrack's tables. Active Objects runs upgrade tasks, in version order, before it
 * hands out the entities, and records the model version it reached; a task must migrate the tables itself.
 * Version 1 creates them (every entity: on a fresh install it runs first, then the later tasks). A schema change
 * adds a task beside this one — version 2 is {@link FlowReadsUpgradeTask} — so that installed instances move
 * forward in one step on the next plugin upgrade.
 */
public final class FlowConfigUpgradeTask extends MigrateEntitiesTask {
    public static final String VERSION = "1";

    public FlowConfigUpgradeTask() {
        super(VERSION);
    }
}
