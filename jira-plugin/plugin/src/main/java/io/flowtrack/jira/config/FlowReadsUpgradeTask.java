package io.flowtrack.jira.config;

/**
 * Model version 2: adds the report-read audit table ({@code FLOW_READ}). Instances at version 1 get it on the next
 * plugin upgrade; a fresh install runs version 1 (which migrates every entity) and then this (a no-op migration).
 * Migrating only adds tables and columns, so existing rows are untouched.
 */
public final class FlowReadsUpgradeTask extends MigrateEntitiesTask {
    public static final String VERSION = "2";

    public FlowReadsUpgradeTask() {
        super(VERSION);
    }
}
