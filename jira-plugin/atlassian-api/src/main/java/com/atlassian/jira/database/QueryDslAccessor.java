/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, a Jira component plugins receive (Atlassian's Capture for Jira, com.atlassian.bonfire, injects it
 * and calls it from Java compiled against jira-api 8/9: IssueEventListener, AdHocTestingStatusDuplicatesRemovalUpgradeTask,
 * TestingStatusUpgradeTask — `queryDslAccessor.executeQuery(dbConnection -> dbConnection.newSqlQuery()...)`).
 * executeQuery(Lcom/atlassian/jira/database/QueryCallback;)Ljava/lang/Object; [CAP, one source, Jira 8/9;
 * 10.x/11.x not re-checked]. The plugin reaches it only through io.flowtrack.jira.history.QueryDslStatusChanges,
 * which falls back to the per-issue read on any LinkageError, and as an optional OSGi service (osgi:list).
 */
package com.atlassian.jira.database;

public interface QueryDslAccessor {
    <T> T executeQuery(QueryCallback<T> callback);
}
