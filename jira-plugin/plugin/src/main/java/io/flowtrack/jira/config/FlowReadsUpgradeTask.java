package io.flowtrack.jira.config;

import com.atlassian.activeobjects.external.ActiveObjects;
import com.atlassian.activeobjects.external.ActiveObjectsUpgradeTask;
import com.atlassian.activeobjects.external.ModelVersion;

/**
 * Model version 2: adds the report-read audit table ({@code FLOW_READ}). Instances at version 1 get it on the next
 * plugin upgrade; a fresh install runs version 1 (which migrates every entity) and then this (a no-op migration).
 * Migrating only adds tables and columns, so existing rows are untouched.
 */
public final class FlowReadsUpgradeTask implements ActiveObjectsUpgradeTask {
    public static final String VERSION = "2";

    @Override
    public ModelVersion getModelVersion() {
        return ModelVersion.valueOf(VERSION);
    }

    @Override
    public void upgrade(ModelVersion currentVersion, ActiveObjects ao) {
        ao.migrate(FlowEntities.all());
    }
}
