package io.flowtrack.jira.config;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.activeobjects.external.ActiveObjectsUpgradeTask;
import com.atlassian.activeobjects.external.ModelVersion;

/**
 * An upgrade task that brings every FlowTrack table to its current shape ({@link FlowEntities#all()}). Migrating only
 * adds tables and columns, so it is safe at any version; a task that must also convert rows does that after it.
 */
abstract class MigrateEntitiesTask implements ActiveObjectsUpgradeTask {
    private final String version;

    MigrateEntitiesTask(String version) {
        this.version = version;
    }

    @Override
    public ModelVersion getModelVersion() {
        return ModelVersion.valueOf(version);
    }

    @Override
    public void upgrade(ModelVersion currentVersion, ActiveObjects ao) {
        ao.migrate(FlowEntities.all());
    }
}
