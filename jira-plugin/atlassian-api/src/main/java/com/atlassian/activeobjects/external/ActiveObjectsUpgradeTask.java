/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface [AOS decompiled]. getModelVersion()Lcom/atlassian/activeobjects/external/ModelVersion;,
 * upgrade(Lcom/atlassian/activeobjects/external/ModelVersion;Lcom/atlassian/activeobjects/external/ActiveObjects;)V.
 */
package com.atlassian.activeobjects.external;

public interface ActiveObjectsUpgradeTask {
    ModelVersion getModelVersion();

    void upgrade(ModelVersion currentVersion, ActiveObjects ao);
}
