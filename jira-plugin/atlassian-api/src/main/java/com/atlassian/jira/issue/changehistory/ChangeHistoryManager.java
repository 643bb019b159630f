/*
 * Declaration only: Jira supplies the real type at runtime; this module is compile-only and never packaged.
 * Kind: interface, 6.x-11.x [J6, J7, CD, GRV].
 * getChangeItemsForField(Lcom/atlassian/jira/issue/Issue;Ljava/lang/String;)Ljava/util/List; — oldest first,
 * 6.x-9.x [J6, GRV]. The bulk forms (getChangeHistoriesForUser(Iterable, ApplicationUser),
 * getChangeItemsWithFieldsForIssues(?, ?)) are NOT declared: their 10.x/11.x parameter types are unverified
 * (only Groovy call sites, which do not fix the erased types; the Java ones found are Jira 5/6-era with a crowd
 * User parameter). What was searched: docs/jira-plugin.md, "Reading history". The plugin looks
 * getChangeHistoriesForUser up by reflection at run time instead (as Atlassian Streams did across Jira 5.0/5.1) and
 * reads one issue at a time when it is missing or misbehaves: io.flowtrack.jira.history.BulkChangeHistory.
 */
package com.atlassian.jira.issue.changehistory;

import com.atlassian.jira.issue.Issue;
import com.atlassian.jira.issue.history.ChangeItemBean;
import java.util.List;

public interface ChangeHistoryManager {
    List<ChangeItemBean> getChangeItemsForField(Issue issue, String fieldName);
}
