/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface (obtained with ComponentAccessor.getComponent(StatusManager.class) / getComponentOfType in
 * a config-migration plugin and ScriptRunner scripts on Jira 8+). getStatus(Ljava/lang/String;)Lcom/atlassian/jira/issue/status/Status;
 * — a status by id, null when it no longer exists: V1 Java (findObject returns MANAGER.getStatus((String) id)) + GRV
 * (statusManager.getStatus(changeItem.from)). Found with the search tool; not in the notes' reference file.
 */
package com.atlassian.jira.config;

import com.atlassian.jira.issue.status.Status;

public interface StatusManager {
    Status getStatus(String id);
}
